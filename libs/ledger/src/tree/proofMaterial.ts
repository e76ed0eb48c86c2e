import type { Pool, PoolClient } from 'pg';
import { MERKLE_TILES_TABLE } from './merkleTiles';
import { tileKey, type TileKey } from './tileLayout';

/** What one proof needs from storage, read in one statement (so from one snapshot). */
export interface ProofMaterial {
  /** The org's tree size (ledger_org_heads.next_seq) as the statement saw it. */
  readonly treeSize: number;
  /** The requested tiles that are stored, by tileKey. */
  readonly tiles: ReadonlyMap<string, Uint8Array>;
  /** Leaf hashes of org_seq in the requested range, in order (fewer when rows are missing). */
  readonly leaves: readonly Uint8Array[];
}

/*
 * One round trip: the org's tree size (level -2), its tiles by primary key and the few latest
 * leaves (level -1), which live in the events; a part nothing is asked of is left out of the
 * statement. Planned per call like every other read here rather than prepared: a generic plan
 * chosen while the tables are small could keep scanning them once they are not, and planning
 * these index probes costs about a tenth of a millisecond.
 */
const SIZE_SQL = `SELECT -2 AS level, h.next_seq AS idx, NULL::bytea AS bytes FROM ledger_org_heads h WHERE h.org_id = $1`;
const TILES_SQL = `
SELECT a.level::int, a.tile, t.hashes
  FROM unnest($2::smallint[], $3::bigint[]) AS a(level, tile)
  JOIN ${MERKLE_TILES_TABLE} t ON t.org_id = $1 AND t.level = a.level AND t.tile = a.tile`;
const leavesSql = (start: string, end: string) => `
SELECT -1, l.org_seq, e.leaf_hash
  FROM ledger_log l JOIN ledger_events e ON e.position = l.position
 WHERE l.org_id = $1 AND l.org_seq >= ${start} AND l.org_seq < ${end}`;

interface MaterialRow {
  level: number;
  idx: string;
  bytes: Buffer | null;
}

/** Reads the org's tree size, the given tiles and the leaves of org_seq in [start, end). */
export async function readProofMaterial(
  db: Pool | PoolClient,
  orgId: string,
  tiles: readonly TileKey[],
  leaves: { readonly start: number; readonly end: number },
): Promise<ProofMaterial> {
  const parts = [SIZE_SQL];
  const values: unknown[] = [orgId];
  if (tiles.length > 0) {
    values.push(
      tiles.map((t) => t.level),
      tiles.map((t) => t.tile),
    );
    parts.push(TILES_SQL);
  }
  if (leaves.end > leaves.start) {
    values.push(leaves.start, leaves.end);
    parts.push(leavesSql(`$${values.length - 1}`, `$${values.length}`));
  }
  const { rows } = await db.query<MaterialRow>(parts.join('\nUNION ALL'), values);
  let treeSize = 0;
  const stored = new Map<string, Uint8Array>();
  const loose: MaterialRow[] = [];
  for (const row of rows) {
    if (row.level === -2) treeSize = Number(row.idx);
    else if (row.level === -1) loose.push(row);
    else stored.set(tileKey({ level: row.level, tile: Number(row.idx) }), row.bytes!);
  }
  loose.sort((a, b) => Number(a.idx) - Number(b.idx));
  return { treeSize, tiles: stored, leaves: loose.map((row) => row.bytes!) };
}
