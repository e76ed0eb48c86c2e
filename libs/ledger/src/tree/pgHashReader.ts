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
    const wanted = new Map<string, TileKey>();
    const nodes = new Map<string, Uint8Array>();
    let needsEdge = false;
    for (const a of addresses) {
      if (a.index < looseStart(n, a.level)) wanted.set(tileKey(tileOf(a)), tileOf(a));
      else if (a.index < nodesAt(n, a.level)) {
        const cached = this.cache?.node(this.orgId, addressKey(a));
        if (cached) nodes.set(addressKey(a), cached);
        else needsEdge = true;
      } else throw missing(this.orgId, a);
    }
    if (needsEdge) for (const key of edgeTiles(n, topLevel(n))) wanted.set(tileKey(key), key);
    const tiles = new Map<string, Uint8Array>();
    const unread: TileKey[] = [];
    for (const [key, tile] of wanted) {
      const cached = this.cache?.tile(this.orgId, key);
      if (cached) tiles.set(key, cached);
      else unread.push(tile);
    }
    const leaves = needsEdge ? { start: looseStart(n, 0), end: n } : { start: 0, end: 0 };
    const material = await readProofMaterial(this.db, this.orgId, unread, leaves);
    requireTreeReached(this.orgId, n, material.treeSize);
    for (const [key, hashes] of material.tiles) {
      tiles.set(key, hashes);
      this.cache?.setTile(this.orgId, key, hashes);
    }
    if (needsEdge) this.recomputeLoose(tiles, material.leaves, nodes);
    return addresses.map((a) => this.hashAt(a, tiles, nodes));
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

  private hashAt(
    a: TreeAddress,
    tiles: ReadonlyMap<string, Uint8Array>,
    nodes: ReadonlyMap<string, Uint8Array>,
  ): Uint8Array {
    if (a.index >= looseStart(this.treeSize, a.level)) {
      const node = nodes.get(addressKey(a));
      if (!node) throw missing(this.orgId, a);
      return node;
    }
    const tile = tiles.get(tileKey(tileOf(a)));
    if (!tile) throw missing(this.orgId, a);
    const offset = (a.index % TILE_WIDTH) * HASH_SIZE;
    return tile.subarray(offset, offset + HASH_SIZE);
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
