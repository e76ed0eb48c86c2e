import { nodeHash } from '../merkle/hasher';
import { MerkleError } from '../merkle/merkleError';
import {
  TILE_BYTES,
  TILE_WIDTH,
  edgeTiles,
  looseStart,
  nodesAt,
  splitTile,
  tileKey,
  tilesAt,
  topLevel,
  type TileKey,
} from './tileLayout';

/** Nodes [base, base + nodes.length) of one level. */
export interface NodeRun {
  readonly base: number;
  readonly nodes: readonly Uint8Array[];
}

/** A stored tile: W node hashes concatenated. */
export interface Tile extends TileKey {
  readonly hashes: Buffer;
}

/** What edgeTiles and the loose leaves yield, read from storage. */
export interface EdgeMaterial {
  readonly tiles: ReadonlyMap<string, Uint8Array>;
  /** Leaf hashes [looseStart(treeSize, 0), treeSize). */
  readonly looseLeaves: readonly Uint8Array[];
}

export interface GrownEdge {
  /** Per level, the nodes from the old looseStart to the last complete node of the new tree. */
  readonly levels: readonly NodeRun[];
  /** Tiles that became full: the rows to store. */
  readonly newTiles: Tile[];
}

/**
 * Appends `newLeaves` to the tree of `treeSize` leaves whose stored edge material is given, and
 * returns the tiles that become full plus every loose node of the grown tree. With no new leaves
 * it just recomputes the loose nodes (for reads). Hashes at most (W - 1) per level plus one per
 * new node.
 */
export function growEdge(treeSize: number, material: EdgeMaterial, newLeaves: readonly Uint8Array[]): GrownEdge {
  const newSize = treeSize + newLeaves.length;
  const leafBase = looseStart(treeSize, 0);
  if (material.looseLeaves.length !== treeSize - leafBase) {
    throw new MerkleError('MERKLE.MISSING_HASH', `expected ${treeSize - leafBase} loose leaves`, {
      treeSize,
      got: material.looseLeaves.length,
    });
  }
  let below: NodeRun = { base: leafBase, nodes: [...material.looseLeaves, ...newLeaves] };
  const levels: NodeRun[] = [below];
  const newTiles = fullTiles(0, below, treeSize, newSize);
  for (let level = 1; level <= topLevel(newSize); level++) {
    const children = childrenOf(level, treeSize, below, material);
    const run: NodeRun = { base: looseStart(treeSize, level), nodes: pairUp(children) };
    if (run.base + run.nodes.length !== nodesAt(newSize, level)) throw inconsistent(level, treeSize);
    levels.push(run);
    newTiles.push(...fullTiles(level, run, treeSize, newSize));
    below = run;
  }
  return { levels, newTiles };
}

/** The children of level's loose nodes: maybe one stored tile, then the level below's run. */
function childrenOf(level: number, treeSize: number, below: NodeRun, material: EdgeMaterial): Uint8Array[] {
  const first = 2 * looseStart(treeSize, level);
  const needsTile = edgeTiles(treeSize, level).some((key) => key.level === level - 1);
  if (!needsTile) {
    if (below.base !== first) throw inconsistent(level, treeSize);
    return [...below.nodes];
  }
  const key = { level: level - 1, tile: first / TILE_WIDTH };
  const hashes = material.tiles.get(tileKey(key));
  if (!hashes || hashes.length !== TILE_BYTES) {
    throw new MerkleError('MERKLE.MISSING_HASH', `tile ${tileKey(key)} is not stored`, { ...key });
  }
  if (below.base !== first + TILE_WIDTH) throw inconsistent(level, treeSize);
  return [...splitTile(hashes), ...below.nodes];
}

function pairUp(children: readonly Uint8Array[]): Uint8Array[] {
  const parents: Uint8Array[] = [];
  for (let i = 0; i + 1 < children.length; i += 2) parents.push(nodeHash(children[i], children[i + 1]));
  return parents;
}

/** The tiles of `run` that are full in the new tree but were not in the old one. */
function fullTiles(level: number, run: NodeRun, oldSize: number, newSize: number): Tile[] {
  const tiles: Tile[] = [];
  for (let tile = tilesAt(oldSize, level); tile < tilesAt(newSize, level); tile++) {
    const offset = tile * TILE_WIDTH - run.base;
    tiles.push({ level, tile, hashes: Buffer.concat(run.nodes.slice(offset, offset + TILE_WIDTH)) });
  }
  return tiles;
}

function inconsistent(level: number, treeSize: number): MerkleError {
  return new MerkleError('MERKLE.INVALID_ARGUMENT', `tile layout is inconsistent at level ${level}`, {
    level,
    treeSize,
  });
}
