import type { Pool } from 'pg';
import { MERKLE_TILES_TABLE } from '../tree/merkleTiles';
import { TILE_WIDTH } from '../tree/tileLayout';

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
  /**
   * The tree's own copy of the leaf at org_seq, from its stored level-0 tile; null when that tile
   * is not full yet (the latest leaves) or the tree has no leaf there.
   */
  tree_leaf: Buffer | null;
}

const PAGE_SQL = `
SELECT l.org_seq, e.org_id, e.stream_id, e.stream_revision, e.event_id::text AS event_id, e.type,
       e.schema_version, e.actor,
       ((extract(epoch FROM e.recorded_at) * 1000000)::numeric(30, 0))::text AS recorded_us,
       e.canonical, e.leaf_hash,
       substring(t.hashes FROM (l.org_seq % ${TILE_WIDTH})::int * 32 + 1 FOR 32) AS tree_leaf
  FROM ledger_log l
  JOIN ledger_events e ON e.position = l.position
  LEFT JOIN ${MERKLE_TILES_TABLE} t ON t.org_id = l.org_id AND t.level = 0 AND t.tile = l.org_seq / ${TILE_WIDTH}
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

/** The tree's stored copies of its leaves [start, end) (those in full tiles), for rows not found. */
export async function readTreeLeaves(
  pool: Pool,
  orgId: string,
  start: number,
  end: number,
): Promise<Map<number, Buffer>> {
  const { rows } = await pool.query<{ index: string; hash: Buffer }>(
    `SELECT s.i AS index, substring(t.hashes FROM (s.i % ${TILE_WIDTH})::int * 32 + 1 FOR 32) AS hash
       FROM generate_series($2::bigint, $3::bigint - 1) AS s(i)
       JOIN ${MERKLE_TILES_TABLE} t ON t.org_id = $1 AND t.level = 0 AND t.tile = s.i / ${TILE_WIDTH}`,
    [orgId, start, end],
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
