import type { EventStore, RecordedEvent } from '@ledger/ledger';
import type { EvidenceDeps } from './evidenceDeps';

export interface DocumentRow {
  documentId: string;
  providerAccountId: string;
  messageId: string;
  threadId: string;
  latestVersion: number;
  latestVersionId: string;
  tombstoned: boolean;
}

export interface VersionRow {
  documentVersionId: string;
  version: number;
  sourceHash: string;
  internalDate: number;
  contentLength: number;
  eventId: string;
}

/** One document of the org's live generation, or null (missing, or another org's). */
export async function findDocument(
  deps: EvidenceDeps,
  orgId: string,
  generation: number,
  documentId: string,
): Promise<DocumentRow | null> {
  const { rows } = await deps.pool.query<{
    provider_account_id: string;
    message_id: string;
    thread_id: string;
    latest_version: number;
    latest_version_id: string;
    tombstoned: boolean;
  }>(
    `SELECT provider_account_id, message_id, thread_id, latest_version, latest_version_id, tombstoned
       FROM evidence_documents WHERE org_id = $1 AND generation = $2 AND document_id = $3`,
    [orgId, generation, documentId],
  );
  if (rows.length === 0) return null;
  const row = rows[0];
  return {
    documentId,
    providerAccountId: row.provider_account_id,
    messageId: row.message_id,
    threadId: row.thread_id,
    latestVersion: row.latest_version,
    latestVersionId: row.latest_version_id,
    tombstoned: row.tombstoned,
  };
}

export async function documentVersions(
  deps: EvidenceDeps,
  orgId: string,
  generation: number,
  documentId: string,
): Promise<VersionRow[]> {
  const { rows } = await deps.pool.query<{
    document_version_id: string;
    version: number;
    source_hash: string;
    internal_date: string;
    content_length: number;
    event_id: string;
  }>(
    `SELECT document_version_id, version, source_hash, internal_date, content_length, event_id
       FROM evidence_document_versions WHERE org_id = $1 AND generation = $2 AND document_id = $3
      ORDER BY version`,
    [orgId, generation, documentId],
  );
  return rows.map((row) => ({
    documentVersionId: row.document_version_id,
    version: row.version,
    sourceHash: row.source_hash,
    internalDate: Number(row.internal_date),
    contentLength: row.content_length,
    eventId: row.event_id,
  }));
}

/** Personal parts of events, decrypted, by event id; an erased event maps to null. */
export async function personalParts(
  store: EventStore,
  orgId: string,
  eventIds: readonly string[],
): Promise<Map<string, RecordedEvent>> {
  const unique = [...new Set(eventIds)];
  if (unique.length === 0) return new Map();
  const events = await store.readEvents(orgId, unique, 'decrypt');
  return new Map(events.map((event) => [event.eventId, event]));
}

/** A field of a decrypted personal part, as a string; null when absent, erased or of another shape. */
export function personalText(event: RecordedEvent | undefined, field: string): string | null {
  const value = event?.personalState === 'present' ? event.personal?.[field] : undefined;
  return typeof value === 'string' ? value : null;
}
