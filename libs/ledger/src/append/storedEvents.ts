import type { Pool, PoolClient } from 'pg';

export interface StoredIdentity {
  eventId: string;
  position: number;
  orgId: string;
  streamId: string;
  streamRevision: number;
  contentDigest: Buffer;
}

export async function findStoredByEventIds(
  pool: Pool | PoolClient,
  eventIds: readonly string[],
): Promise<StoredIdentity[]> {
  const { rows } = await pool.query<{
    event_id: string;
    position: string;
    org_id: string;
    stream_id: string;
    stream_revision: string;
    content_digest: Buffer;
  }>(
    `SELECT event_id, position, org_id, stream_id, stream_revision, content_digest
       FROM ledger_events WHERE event_id = ANY($1::uuid[])`,
    [eventIds],
  );
  return rows.map((row) => ({
    eventId: row.event_id,
    position: Number(row.position),
    orgId: row.org_id,
    streamId: row.stream_id,
    streamRevision: Number(row.stream_revision),
    contentDigest: row.content_digest,
  }));
}

/** The stream's last revision, -1 when it has no events. */
export async function readStreamHead(pool: Pool | PoolClient, orgId: string, streamId: string): Promise<number> {
  const { rows } = await pool.query<{ head: string }>({
    name: 'ledger_stream_head',
    text: `SELECT coalesce(max(stream_revision), -1) AS head FROM ledger_events WHERE org_id = $1 AND stream_id = $2`,
    values: [orgId, streamId],
  });
  return Number(rows[0].head);
}

export async function isStreamShredded(pool: Pool | PoolClient, orgId: string, streamId: string): Promise<boolean> {
  const { rows } = await pool.query(
    `SELECT 1 FROM ledger_stream_keys WHERE org_id = $1 AND stream_id = $2 AND wrapped_key IS NULL`,
    [orgId, streamId],
  );
  return rows.length > 0;
}
