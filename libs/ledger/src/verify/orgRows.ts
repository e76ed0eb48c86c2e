import type { Pool } from 'pg';
import { HASH_SIZE } from '../merkle/hasher';
import { MERKLE_TILES_TABLE } from '../tree/merkleTiles';
import { TILE_WIDTH } from '../tree/tileLayout';

/**
 * One sequenced row of an org in text form, with the leaf its Merkle tree holds at the same
 * position: what checkRow reads.
 */
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

const TILES_SQL = `
SELECT tile, hashes FROM ${MERKLE_TILES_TABLE}
 WHERE org_id = $1 AND level = 0 AND tile >= $2 AND tile < $3`;

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
