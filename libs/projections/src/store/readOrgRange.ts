import type { Pool, PoolClient } from 'pg';
import type { EventMetadata, JsonObject } from '@ledger/ledger';
import type { ProjectionEvent } from '../definition/projectionDefinition';

interface CanonicalDocument {
  data: JsonObject;
  eventId: string;
  metadata: EventMetadata;
  orgId: string;
  recordedAt: string;
  schemaVersion: number;
  streamId: string;
  type: string;
}

// The ledger's own order: dense per-org sequence numbers assigned once by the sequencer, so a
// checkpoint (last applied org_seq) resumes without skipping an event that committed late.
const RANGE_SQL = `SELECT l.org_seq, e.canonical
  FROM ledger_log l JOIN ledger_events e ON e.position = l.position
 WHERE l.org_id = $1 AND l.org_seq > $2 AND l.org_seq <= $3
 ORDER BY l.org_seq LIMIT $4`;

/** Up to `limit` sequenced events of an org after `afterSeq`, up to `uptoSeq` inclusive. */
export async function readOrgRange(
  db: Pool | PoolClient,
  orgId: string,
  afterSeq: number,
  limit: number,
  uptoSeq = Number.MAX_SAFE_INTEGER,
): Promise<ProjectionEvent[]> {
  const { rows } = await db.query<{ org_seq: string; canonical: string }>(RANGE_SQL, [orgId, afterSeq, uptoSeq, limit]);
  return rows.map((row) => {
    const doc = JSON.parse(row.canonical) as CanonicalDocument;
    return {
      orgId: doc.orgId,
      orgSeq: Number(row.org_seq),
      eventId: doc.eventId,
      streamId: doc.streamId,
      type: doc.type,
      schemaVersion: doc.schemaVersion,
      data: doc.data,
      metadata: doc.metadata,
      recordedAt: doc.recordedAt,
    };
  });
}

/** The last sequenced per-org number of an org, -1 when it has none. */
export async function orgHead(db: Pool | PoolClient, orgId: string): Promise<number> {
  const { rows } = await db.query<{ next_seq: string }>('SELECT next_seq FROM ledger_org_heads WHERE org_id = $1', [
    orgId,
  ]);
  return rows.length === 0 ? -1 : Number(rows[0].next_seq) - 1;
}

/** When the event at `orgSeq` was recorded; for lag in seconds. */
export async function recordedAtOf(db: Pool | PoolClient, orgId: string, orgSeq: number): Promise<Date | null> {
  const { rows } = await db.query<{ recorded_at: Date }>(
    `SELECT e.recorded_at FROM ledger_log l JOIN ledger_events e ON e.position = l.position
      WHERE l.org_id = $1 AND l.org_seq = $2`,
    [orgId, orgSeq],
  );
  return rows.length === 0 ? null : rows[0].recorded_at;
}
