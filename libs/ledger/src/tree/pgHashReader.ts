import type { Pool, PoolClient } from 'pg';
import type { HashReader } from '../merkle/hashReader';
import { MerkleError } from '../merkle/merkleError';
import { addressKey, type TreeAddress } from '../merkle/treeAddress';
import { readTileMaterial } from './merkleTiles';
import { growEdge, type NodeRun } from './tileEdge';
import { HASH_SIZE } from '../merkle/hasher';
import { TILE_WIDTH, edgeTiles, looseStart, nodesAt, tileKey, topLevel, type TileKey } from './tileLayout';

/**
 * HashReader over one org's stored tree of (at least) `treeSize` leaves: each readHashes call is
 * one query, for the tiles holding the requested nodes and, when some are loose, the material to
 * recompute them. A treeSize below the stored size is safe: nodes it takes for loose are then
 * recomputed from stored data and come out the same.
 */
export class PgHashReader implements HashReader {
  constructor(
    private readonly db: Pool | PoolClient,
    private readonly orgId: string,
    private readonly treeSize: number,
  ) {}

  async readHashes(addresses: readonly TreeAddress[]): Promise<Uint8Array[]> {
    const n = this.treeSize;
    const stored = addresses.filter((a) => a.index < looseStart(n, a.level));
    const needsEdge = stored.length < addresses.length;
    const tiles = new Map<string, TileKey>();
    for (const a of stored) tiles.set(tileKey(tileOf(a)), tileOf(a));
    if (needsEdge) for (const key of edgeTiles(n, topLevel(n))) tiles.set(tileKey(key), key);
    const leaves = needsEdge ? { start: looseStart(n, 0), end: n } : { start: 0, end: 0 };
    const material = (await readTileMaterial(this.db, [{ orgId: this.orgId, tiles: [...tiles.values()], leaves }])).get(
      this.orgId,
    )!;
    const levels = needsEdge ? growEdge(n, material, []).levels : [];
    return addresses.map((a) => this.hashAt(a, material.tiles, levels));
  }

  private hashAt(a: TreeAddress, tiles: ReadonlyMap<string, Uint8Array>, levels: readonly NodeRun[]): Uint8Array {
    const n = this.treeSize;
    if (a.index < looseStart(n, a.level)) {
      const tile = tiles.get(tileKey(tileOf(a)));
      if (!tile) throw missing(this.orgId, a);
      const offset = (a.index % TILE_WIDTH) * HASH_SIZE;
      return tile.subarray(offset, offset + HASH_SIZE);
    }
    if (a.index >= nodesAt(n, a.level)) throw missing(this.orgId, a);
    const run = levels[a.level];
    return run.nodes[a.index - run.base];
  }
}

function tileOf(a: TreeAddress): TileKey {
  return { level: a.level, tile: Math.floor(a.index / TILE_WIDTH) };
}

function missing(orgId: string, a: TreeAddress): MerkleError {
  return new MerkleError('MERKLE.MISSING_HASH', `no hash stored at ${addressKey(a)} for org ${orgId}`, {
    orgId,
    level: a.level,
    index: a.index,
  });
}
