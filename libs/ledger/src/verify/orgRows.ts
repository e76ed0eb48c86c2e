import type { Pool } from 'pg';
import { HASH_SIZE } from '../merkle/hasher';
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

// A bounded org_seq range rather than ORDER BY ... LIMIT: each page touches only its own rows,
// whatever plan the statistics suggest, so a full scan stays linear in the org's size.
const RANGE_SQL = `
SELECT l.org_seq, e.org_id, e.stream_id, e.stream_revision, e.event_id::text AS event_id, e.type,
       e.schema_version, e.actor,
       ((extract(epoch FROM e.recorded_at) * 1000000)::numeric(30, 0))::text AS recorded_us,
       e.canonical, e.leaf_hash
  FROM ledger_log l
  JOIN ledger_events e ON e.position = l.position
 WHERE l.org_id = $1 AND l.org_seq >= $2 AND l.org_seq < $3
 ORDER BY l.org_seq`;

const TILES_SQL = `
SELECT tile, hashes FROM ${MERKLE_TILES_TABLE}
 WHERE org_id = $1 AND level = 0 AND tile >= $2 AND tile < $3`;

/**
 * The org's rows with org_seq in [0, treeSize), in order, each with the tree's copy of its leaf
 * (read per page from the level-0 tiles covering it). The next page is fetched while the caller
 * checks the current one, so hashing and reading overlap; at most two pages are in memory.
 */
export async function* streamOrgRows(
  pool: Pool,
  orgId: string,
  treeSize: number,
  batchSize: number,
): AsyncGenerator<OrgRow[]> {
  const fetch = (from: number) =>
    from < treeSize ? readPage(pool, orgId, from, Math.min(treeSize, from + batchSize)) : null;
  let next = fetch(0);
  for (let from = 0; next !== null; from += batchSize) {
    const page = await next;
    next = fetch(from + batchSize);
    if (page.length > 0) yield page;
  }
}

async function readPage(pool: Pool, orgId: string, from: number, to: number): Promise<OrgRow[]> {
  const [{ rows }, leaves] = await Promise.all([
    pool.query<Omit<OrgRow, 'tree_leaf'>>(RANGE_SQL, [orgId, from, to]),
    readTreeLeaves(pool, orgId, from, to),
  ]);
  return rows.map((row) => ({ ...row, tree_leaf: leaves.get(Number(row.org_seq)) ?? null }));
}

/** The tree's stored copies of its leaves [start, end) (those in full tiles). */
export async function readTreeLeaves(
  pool: Pool,
  orgId: string,
  start: number,
  end: number,
): Promise<Map<number, Buffer>> {
  const leaves = new Map<number, Buffer>();
  if (end <= start) return leaves;
  const { rows } = await pool.query<{ tile: string; hashes: Buffer }>(TILES_SQL, [
    orgId,
    Math.floor(start / TILE_WIDTH),
    Math.ceil(end / TILE_WIDTH),
  ]);
  for (const row of rows) {
    const first = Number(row.tile) * TILE_WIDTH;
    for (let i = 0; i < TILE_WIDTH; i++) {
      if (first + i >= start && first + i < end) {
        leaves.set(first + i, row.hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
      }
    }
  }
  return leaves;
}

/**
 * Rows past the org's tree size: they have no leaf in the tree, so were inserted. One statement,
 * so the size and the rows come from one snapshot (the sequencer commits both together).
 */
export async function rowsBeyondTree(pool: Pool, orgId: string, limit: number): Promise<number[]> {
  const { rows } = await pool.query<{ org_seq: string }>(
    `SELECT org_seq FROM ledger_log
      WHERE org_id = $1
        AND org_seq >= coalesce((SELECT next_seq FROM ledger_org_heads WHERE org_id = $1), 0)
      ORDER BY org_seq LIMIT $2`,
    [orgId, limit],
  );
  return rows.map((row) => Number(row.org_seq));
}

/** The org's tree size as the sequencer recorded it. */
export async function recordedTreeSize(pool: Pool, orgId: string): Promise<number> {
  const { rows } = await pool.query<{ next_seq: string }>('SELECT next_seq FROM ledger_org_heads WHERE org_id = $1', [
    orgId,
  ]);
  return rows.length === 0 ? 0 : Number(rows[0].next_seq);
}
