import type { ProjectionEvent, ProjectionHandler, ProjectionTx } from '@ledger/projections';
import { readSpanReference } from '@ledger/contracts';
import { integer, text } from './tolerantRead';

interface VersionFacts {
  documentId: string;
  documentVersionId: string;
  version: number;
  providerAccountId: string;
  messageId: string;
  threadId: string;
  internalDate: number;
  sourceHash: string;
  contentLength: number;
}

function versionFacts(event: ProjectionEvent): VersionFacts | null {
  const d = event.data;
  const facts = {
    documentId: text(d.documentId),
    documentVersionId: text(d.documentVersionId),
    version: integer(d.version),
    providerAccountId: text(d.providerAccountId),
    messageId: text(d.messageId),
    threadId: text(d.threadId),
    internalDate: integer(d.internalDate),
    sourceHash: text(d.sourceHash),
    contentLength: integer(d.contentLength),
  };
  for (const value of Object.values(facts)) if (value === null) return null;
  return facts as VersionFacts;
}

/**
 * A message enters its thread once: it then gets the thread's next ingestSeq, which it keeps
 * whatever later versions or later, earlier-dated messages do. Gmail never moves a message
 * between threads, so the thread of a document's first version is its thread.
 */
async function enterThread(tx: ProjectionTx, facts: VersionFacts, versionEventId: string): Promise<void> {
  const scope = [tx.orgId, tx.generation, facts.threadId];
  const present = await tx.query<{ ingest_seq: number }>(
    `SELECT ingest_seq FROM evidence_thread_messages
      WHERE org_id = $1 AND generation = $2 AND thread_id = $3 AND document_id = $4`,
    [...scope, facts.documentId],
  );
  const row = {
    thread_id: facts.threadId,
    document_id: facts.documentId,
    message_id: facts.messageId,
    provider_account_id: facts.providerAccountId,
    internal_date: facts.internalDate,
    document_version_id: facts.documentVersionId,
    version_event_id: versionEventId,
  };
  if (present.length > 0) {
    // Every NOT NULL column goes in, even unchanged: PostgreSQL checks the insert row before the conflict.
    tx.upsert('evidence_thread_messages', { ...row, ingest_seq: present[0].ingest_seq });
    return;
  }
  const thread = await tx.query<{ message_count: number }>(
    'SELECT message_count FROM evidence_threads WHERE org_id = $1 AND generation = $2 AND thread_id = $3',
    scope,
  );
  const ingestSeq = (thread[0]?.message_count ?? 0) + 1;
  tx.upsert('evidence_threads', { thread_id: facts.threadId, message_count: ingestSeq });
  tx.upsert('evidence_thread_messages', { ...row, ingest_seq: ingestSeq, tombstoned: false });
}

/** DocumentIngested and DocumentVersionAdded: the version, the document's latest, the thread. */
export const onDocumentVersion: ProjectionHandler = async (event, tx) => {
  const facts = versionFacts(event);
  if (!facts) return;
  const document: Record<string, string | number | boolean> = {
    document_id: facts.documentId,
    provider_account_id: facts.providerAccountId,
    message_id: facts.messageId,
    thread_id: facts.threadId,
    latest_version: facts.version,
    latest_version_id: facts.documentVersionId,
  };
  if (event.type === 'DocumentIngested') document.tombstoned = false;
  tx.upsert('evidence_documents', document);
  tx.upsert('evidence_document_versions', {
    document_version_id: facts.documentVersionId,
    document_id: facts.documentId,
    version: facts.version,
    source_hash: facts.sourceHash,
    internal_date: facts.internalDate,
    content_length: facts.contentLength,
    event_id: event.eventId,
  });
  await enterThread(tx, facts, event.eventId);
};

/** Tombstone and resurrection flip a flag; updates, so an unknown document is never invented. */
function setTombstoned(tombstoned: boolean): ProjectionHandler {
  return async (event, tx) => {
    const documentId = text(event.data.documentId);
    if (!documentId) return;
    const params = [tx.orgId, tx.generation, documentId, tombstoned];
    await tx.query(
      'UPDATE evidence_documents SET tombstoned = $4 WHERE org_id = $1 AND generation = $2 AND document_id = $3',
      params,
    );
    await tx.query(
      'UPDATE evidence_thread_messages SET tombstoned = $4 WHERE org_id = $1 AND generation = $2 AND document_id = $3',
      params,
    );
  };
}

export const onDocumentTombstoned = setTombstoned(true);
export const onDocumentResurrected = setTombstoned(false);

export const onSpanPinned: ProjectionHandler = (event, tx) => {
  const span = readSpanReference(event.data);
  if (span === null) return;
  const { spanId, documentId, documentVersionId, startChar, endChar } = span;
  tx.upsert('evidence_spans', {
    span_id: spanId,
    document_id: documentId,
    document_version_id: documentVersionId,
    start_char: startChar,
    end_char: endChar,
    event_id: event.eventId,
    pinned_seq: event.orgSeq,
  });
};
