import type { RecordedEvent } from '@ledger/ledger';
import type { RequestContext } from '@ledger/tenancy';
import { notFound } from '../evidenceError';
import { personalParts } from '../app/documentQueries';
import { liveGeneration, type EvidenceDeps } from '../app/evidenceDeps';
import { INGEST_LIMITS } from '../ingest-document/ingestDocument.handler';
import { requireText } from '../app/validateInput';

export interface ThreadMessageView {
  documentId: string;
  documentVersionId: string;
  messageId: string;
  providerAccountId: string;
  internalDate: number;
  /** Given once, when the message first entered the thread; never renumbered. */
  ingestSeq: number;
  tombstoned: boolean;
  /** Whether the message's addresses could be read (`erased` after crypto-shredding). */
  personalState: 'present' | 'erased';
}

export interface ThreadView {
  threadId: string;
  /** Addresses from the from, to and cc of the thread's live messages, first seen first. */
  participants: string[];
  /** Earliest and latest internalDate of the live (not tombstoned) messages. */
  dateRange: { first: number; last: number } | null;
  /** Ordered by the sort key (internalDate, messageId, documentId): deterministic, unlike arrival. */
  messages: ThreadMessageView[];
}

function addresses(event: RecordedEvent | undefined): string[] | null {
  if (!event || event.personalState !== 'present' || !event.personal) return null;
  const { from, to, cc } = event.personal;
  const found: string[] = [];
  for (const value of [from, ...(Array.isArray(to) ? to : []), ...(Array.isArray(cc) ? cc : [])]) {
    if (typeof value === 'string' && value.length > 0) found.push(value);
  }
  return found;
}

/** The thread read model: rows hold event ids; addresses are decrypted here, at read time. */
export async function readThread(deps: EvidenceDeps, ctx: RequestContext, threadId: string): Promise<ThreadView> {
  requireText('threadId', threadId, INGEST_LIMITS.sourceId);
  const generation = await liveGeneration(deps, ctx.orgId);
  const { rows } = await deps.pool.query<{
    document_id: string;
    document_version_id: string;
    message_id: string;
    provider_account_id: string;
    internal_date: string;
    ingest_seq: number;
    tombstoned: boolean;
    version_event_id: string;
  }>(
    `SELECT document_id, document_version_id, message_id, provider_account_id, internal_date, ingest_seq,
            tombstoned, version_event_id
       FROM evidence_thread_messages WHERE org_id = $1 AND generation = $2 AND thread_id = $3
      ORDER BY internal_date, message_id COLLATE "C", document_id COLLATE "C"`,
    [ctx.orgId, generation, threadId],
  );
  if (rows.length === 0) throw notFound('EVIDENCE.THREAD_NOT_FOUND', 'threadId', threadId);
  const events = await personalParts(
    deps.store,
    ctx.orgId,
    rows.map((row) => row.version_event_id),
  );
  const participants = new Map<string, string>();
  const dates: number[] = [];
  const messages = rows.map((row): ThreadMessageView => {
    const found = addresses(events.get(row.version_event_id));
    if (!row.tombstoned) {
      dates.push(Number(row.internal_date));
      for (const address of found ?? []) {
        const key = address.trim().toLowerCase();
        if (!participants.has(key)) participants.set(key, address.trim());
      }
    }
    return {
      documentId: row.document_id,
      documentVersionId: row.document_version_id,
      messageId: row.message_id,
      providerAccountId: row.provider_account_id,
      internalDate: Number(row.internal_date),
      ingestSeq: row.ingest_seq,
      tombstoned: row.tombstoned,
      personalState: found === null ? 'erased' : 'present',
    };
  });
  return {
    threadId,
    participants: [...participants.values()],
    dateRange: dates.length === 0 ? null : { first: Math.min(...dates), last: Math.max(...dates) },
    messages,
  };
}
