import type { Pool, PoolClient } from 'pg';
import type { AppendRequest } from '../events/types';
import type { EventRow } from './preparedEvent';

/**
 * One statement, one round trip: the rows go in only if the stream's last revision is still
 * `previousRevision` (and, for personal data, the stream's key is alive). Racing writers that
 * both pass the check collide on the (org, stream, revision) key, so exactly one wins.
 * Returns null when the guard refused the insert.
 */
const INSERT_SQL = `
INSERT INTO ledger_events (org_id, stream_id, stream_revision, event_id, type, schema_version,
                           actor, recorded_at, canonical, leaf_hash, content_digest)
SELECT $1, $2, r.stream_revision, r.event_id, r.type, r.schema_version,
       r.actor, r.recorded_at, r.canonical, r.leaf_hash, r.content_digest
  FROM unnest($3::bigint[], $4::uuid[], $5::text[], $6::integer[], $7::text[], $8::timestamptz[],
              $9::text[], $10::bytea[], $11::bytea[])
       AS r(stream_revision, event_id, type, schema_version, actor, recorded_at, canonical, leaf_hash, content_digest)
 WHERE (SELECT coalesce(max(e.stream_revision), -1) FROM ledger_events e
         WHERE e.org_id = $1 AND e.stream_id = $2) = $12
   AND (NOT $13 OR EXISTS (SELECT 1 FROM ledger_stream_keys k
                            WHERE k.org_id = $1 AND k.stream_id = $2 AND k.wrapped_key IS NOT NULL))
RETURNING position, stream_revision`;

export async function insertEvents(
  pool: Pool | PoolClient,
  request: AppendRequest,
  rows: EventRow[],
  previousRevision: number,
  recordedAt: string,
  needsLiveKey: boolean,
): Promise<number[] | null> {
  const result = await pool.query<{ position: string; stream_revision: string }>({
    // Named, so each connection plans it once: planning dominated the cost of a small append.
    name: 'ledger_append',
    text: INSERT_SQL,
    values: [
      request.orgId,
      request.streamId,
      rows.map((r) => r.streamRevision),
      rows.map((r) => r.prepared.eventId),
      rows.map((r) => r.prepared.type),
      rows.map((r) => r.prepared.schemaVersion),
      rows.map((r) => r.prepared.metadata.actor),
      rows.map(() => recordedAt),
      rows.map((r) => r.canonical),
      rows.map((r) => r.leafHash),
      rows.map((r) => r.prepared.contentDigest),
      previousRevision,
      needsLiveKey,
    ],
  });
  if (result.rows.length === 0) return null;
  return result.rows
    .map((row) => ({ position: Number(row.position), revision: Number(row.stream_revision) }))
    .sort((a, b) => a.revision - b.revision)
    .map((row) => row.position);
}
