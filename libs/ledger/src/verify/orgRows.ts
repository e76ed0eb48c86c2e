import type { Pool } from 'pg';

/** One sequenced row of an org with the leaf its Merkle tree holds at the same position. */
export interface OrgRow {
  org_seq: string;
  org_id: string;
  stream_id: string;
  stream_revision: string;
  event_id: string;
  type: string;
  schema_version: number;
  actor: string;
  /** recorded_at in whole microseconds since the epoch, so no precision is lost in transit. */
  recorded_us: string;
  canonical: string;
  leaf_hash: Buffer;
  /** ledger_merkle_nodes (0, org_seq): null when the tree has no leaf there. */
  tree_leaf: Buffer | null;
}

const PAGE_SQL = `
SELECT l.org_seq, e.org_id, e.stream_id, e.stream_revision, e.event_id::text AS event_id, e.type,
       e.schema_version, e.actor,
       ((extract(epoch FROM e.recorded_at) * 1000000)::numeric(30, 0))::text AS recorded_us,
       e.canonical, e.leaf_hash, n.hash AS tree_leaf
  FROM ledger_log l
  JOIN ledger_events e ON e.position = l.position
  LEFT JOIN ledger_merkle_nodes n ON n.org_id = l.org_id AND n.level = 0 AND n.index = l.org_seq
 WHERE l.org_id = $1 AND l.org_seq >= $2
 ORDER BY l.org_seq
 LIMIT $3`;

/** The org's rows in org_seq order, one page in memory at a time. */
export async function* streamOrgRows(pool: Pool, orgId: string, batchSize: number): AsyncGenerator<OrgRow[]> {
  let from = 0;
  for (;;) {
    const { rows } = await pool.query<OrgRow>(PAGE_SQL, [orgId, from, batchSize]);
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    from = Number(rows[rows.length - 1].org_seq) + 1;
  }
}

/** The tree's leaves from `start` on (at most `limit`): those no row was found for. */
export async function readTreeLeavesFrom(
  pool: Pool,
  orgId: string,
  start: number,
  limit: number,
): Promise<Map<number, Buffer>> {
  const { rows } = await pool.query<{ index: string; hash: Buffer }>(
    `SELECT index, hash FROM ledger_merkle_nodes WHERE org_id = $1 AND level = 0 AND index >= $2
      ORDER BY index LIMIT $3`,
    [orgId, start, limit],
  );
  return new Map(rows.map((row) => [Number(row.index), row.hash]));
}

/** The org's tree size as the sequencer recorded it. */
export async function recordedTreeSize(pool: Pool, orgId: string): Promise<number> {
  const { rows } = await pool.query<{ next_seq: string }>('SELECT next_seq FROM ledger_org_heads WHERE org_id = $1', [
    orgId,
  ]);
  return rows.length === 0 ? 0 : Number(rows[0].next_seq);
}
