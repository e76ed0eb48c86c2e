import type { Pool, PoolClient } from 'pg';
import type { HashReader } from '../merkle/hashReader';
import { HASH_SIZE } from '../merkle/hasher';
import { MerkleError } from '../merkle/merkleError';
import { addressKey, type TreeAddress } from '../merkle/treeAddress';
import { readProofMaterial } from './proofMaterial';
import { growEdge, type NodeRun } from './tileEdge';
import type { TileCache } from './tileCache';
import { TILE_WIDTH, edgeTiles, looseStart, nodesAt, tileKey, topLevel, type TileKey } from './tileLayout';
import { requireTreeReached } from './treeSize';

/**
 * HashReader over one org's stored tree of (at least) `treeSize` leaves: each readHashes call is
 * one statement, which reads the org's current tree size (and refuses a treeSize it has not
 * reached), the tiles holding the requested nodes and, when some are loose, the material to
 * recompute them. Tiles and recomputed nodes found in `cache` are not read again. A treeSize
 * below the stored size is safe: nodes it takes for loose are then recomputed from stored data
 * and come out the same.
 */
export class PgHashReader implements HashReader {
  constructor(
    private readonly db: Pool | PoolClient,
    private readonly orgId: string,
    private readonly treeSize: number,
    private readonly cache?: TileCache,
  ) {}

  async readHashes(addresses: readonly TreeAddress[]): Promise<Uint8Array[]> {
    const n = this.treeSize;
    // Per address, whether it is loose, and the key of its tile (stored) or of itself (loose).
    const loose = addresses.map((a) => a.index >= looseStart(n, a.level));
    const keys = addresses.map((a, i) => (loose[i] ? addressKey(a) : tileKey(tileOf(a))));
    const tiles = new Map<string, Uint8Array>();
    const nodes = new Map<string, Uint8Array>();
    const unread = new Map<string, TileKey>();
    let needsEdge = false;
    addresses.forEach((a, i) => {
      if (!loose[i]) this.lookUpTile(keys[i], tileOf(a), tiles, unread);
      else if (a.index >= nodesAt(n, a.level)) throw missing(this.orgId, a);
      else if (!nodes.has(keys[i])) {
        const cached = this.cache?.node(this.orgId, keys[i]);
        if (cached) nodes.set(keys[i], cached);
        else needsEdge = true;
      }
    });
    if (needsEdge) for (const tile of edgeTiles(n, topLevel(n))) this.lookUpTile(tileKey(tile), tile, tiles, unread);
    const leaves = needsEdge ? { start: looseStart(n, 0), end: n } : { start: 0, end: 0 };
    const material = await readProofMaterial(this.db, this.orgId, [...unread.values()], leaves);
    requireTreeReached(this.orgId, n, material.treeSize);
    for (const [key, tile] of material.tiles) {
      tiles.set(key, tile);
      this.cache?.setTile(this.orgId, key, tile);
    }
    if (needsEdge) this.recomputeLoose(tiles, material.leaves, nodes);
    return addresses.map((a, i) => {
      const hash = (loose[i] ? nodes : tiles).get(keys[i]);
      if (!hash) throw missing(this.orgId, a);
      if (loose[i]) return hash;
      const offset = (a.index % TILE_WIDTH) * HASH_SIZE;
      return hash.subarray(offset, offset + HASH_SIZE);
    });
  }

  /** Puts a tile found in the cache into `tiles`; else it is to be read. */
  private lookUpTile(key: string, tile: TileKey, tiles: Map<string, Uint8Array>, unread: Map<string, TileKey>): void {
    if (tiles.has(key) || unread.has(key)) return;
    const cached = this.cache?.tile(this.orgId, key);
    if (cached) tiles.set(key, cached);
    else unread.set(key, tile);
  }

  /** Recomputes every loose node of the tree into `nodes` (and the cache: each is complete). */
  private recomputeLoose(
    tiles: ReadonlyMap<string, Uint8Array>,
    looseLeaves: readonly Uint8Array[],
    nodes: Map<string, Uint8Array>,
  ): void {
    const levels: readonly NodeRun[] = growEdge(this.treeSize, { tiles, looseLeaves }, []).levels;
    levels.forEach((run, level) =>
      run.nodes.forEach((hash, offset) => {
        const key = addressKey({ level, index: run.base + offset });
        nodes.set(key, hash);
        this.cache?.setNode(this.orgId, key, hash);
      }),
    );
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
