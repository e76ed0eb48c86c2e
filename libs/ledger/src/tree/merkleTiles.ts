import type { Pool, PoolClient } from 'pg';
import type { EdgeMaterial, Tile } from './tileEdge';
import { tileKey, type TileKey } from './tileLayout';

/** Full tiles of stored node hashes, one RFC 6962 tree per org (migration 002, tileLayout.ts). */
export const MERKLE_TILES_TABLE = 'ledger_merkle_tiles';

type Queryable = Pool | PoolClient;

/** What to read for one org: stored tiles, and the leaf hashes of org_seq in [start, end). */
export interface TileRequest {
  readonly orgId: string;
  readonly tiles: readonly TileKey[];
  readonly leaves: { readonly start: number; readonly end: number };
}

// One round trip for every org: the tiles asked for, then the loose leaves (level -1 marks a
// leaf row), which live in the events themselves.
const READ_SQL = `
SELECT a.org_id, a.level::int AS level, a.tile AS idx, t.hashes AS bytes
  FROM unnest($1::text[], $2::smallint[], $3::bigint[]) AS a(org_id, level, tile)
  JOIN ${MERKLE_TILES_TABLE} t ON t.org_id = a.org_id AND t.level = a.level AND t.tile = a.tile
UNION ALL
SELECT b.org_id, -1, l.org_seq, e.leaf_hash
  FROM unnest($4::text[], $5::bigint[], $6::bigint[]) AS b(org_id, start_seq, end_seq)
  JOIN ledger_log l ON l.org_id = b.org_id AND l.org_seq >= b.start_seq AND l.org_seq < b.end_seq
  JOIN ledger_events e ON e.position = l.position`;

const INSERT_SQL = `
INSERT INTO ${MERKLE_TILES_TABLE} (org_id, level, tile, hashes)
SELECT * FROM unnest($1::text[], $2::smallint[], $3::bigint[], $4::bytea[])`;

interface MaterialRow {
  org_id: string;
  level: number;
  idx: string;
  bytes: Buffer;
}

/**
 * Reads every org's requested tiles and loose leaves in one query. A missing tile is simply
 * absent from the result (growEdge or the reader reports it); leaves come back in org_seq order.
 */
export async function readTileMaterial(
  db: Queryable,
  requests: readonly TileRequest[],
): Promise<Map<string, EdgeMaterial>> {
  const tiles = requests.flatMap((r) => r.tiles.map((key) => ({ orgId: r.orgId, ...key })));
  const ranges = requests.filter((r) => r.leaves.end > r.leaves.start);
  const { rows } =
    tiles.length + ranges.length === 0
      ? { rows: [] as MaterialRow[] }
      : await db.query<MaterialRow>(READ_SQL, [
          tiles.map((t) => t.orgId),
          tiles.map((t) => t.level),
          tiles.map((t) => t.tile),
          ranges.map((r) => r.orgId),
          ranges.map((r) => r.leaves.start),
          ranges.map((r) => r.leaves.end),
        ]);
  const result = new Map(
    requests.map((r) => [r.orgId, { tiles: new Map<string, Uint8Array>(), leaves: [] as MaterialRow[] }]),
  );
  for (const row of rows) {
    const entry = result.get(row.org_id)!;
    if (row.level < 0) entry.leaves.push(row);
    else entry.tiles.set(tileKey({ level: row.level, tile: Number(row.idx) }), row.bytes);
  }
  return new Map(
    [...result].map(([orgId, entry]) => [
      orgId,
      {
        tiles: entry.tiles,
        looseLeaves: entry.leaves.sort((a, b) => Number(a.idx) - Number(b.idx)).map((r) => r.bytes),
      },
    ]),
  );
}

/** Inserts full tiles of any orgs in one statement; a tile already stored is a key violation. */
export async function insertTiles(db: Queryable, tiles: readonly (Tile & { orgId: string })[]): Promise<void> {
  if (tiles.length === 0) return;
  await db.query(INSERT_SQL, [
    tiles.map((t) => t.orgId),
    tiles.map((t) => t.level),
    tiles.map((t) => t.tile),
    tiles.map((t) => t.hashes),
  ]);
}
