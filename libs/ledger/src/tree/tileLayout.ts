import { HASH_SIZE } from '../merkle/hasher';
import { shiftRight } from '../merkle/treeMath';

/*
 * Stored nodes are grouped in tiles: tile t of level L holds the TILE_WIDTH consecutive complete
 * nodes (L, t*W) ... (L, t*W + W - 1), their hashes concatenated. Only full tiles are stored,
 * once, when their last node completes; so a stored tile never changes, and the sequencer writes
 * about 2n/W rows for n events instead of 2n. In a tree of n leaves, level L has
 * floor(n / 2^L) complete nodes, the first tilesAt(n, L) * W of them in stored tiles; the rest,
 * fewer than W per level, are "loose" and are recomputed from the level below (at level 0 they
 * are the latest leaf hashes, read from the events):
 *
 *   n = 45:  level 2   loose 0..10, from tile (1,0) and level 1's loose nodes
 *            level 1   [ tile (1,0): nodes 0..15 ] loose 16..21
 *            level 0   [ tile (0,0) ][ tile (0,1) ] loose leaves 32..44, from the events
 *
 * A loose node's children are loose nodes of the level below, except that the first W of them
 * may be the tile 2 * tilesAt(n, L) of the level below (see edgeTiles).
 */

export const TILE_WIDTH = 16;
export const TILE_BYTES = TILE_WIDTH * HASH_SIZE;

export interface TileKey {
  readonly level: number;
  readonly tile: number;
}

/** Complete nodes at `level` in a tree of `treeSize` leaves. */
export function nodesAt(treeSize: number, level: number): number {
  return shiftRight(treeSize, level);
}

/** Stored (full) tiles at `level`. */
export function tilesAt(treeSize: number, level: number): number {
  return Math.floor(nodesAt(treeSize, level) / TILE_WIDTH);
}

/** Index of the first loose node at `level`: every node below it is in a stored tile. */
export function looseStart(treeSize: number, level: number): number {
  return tilesAt(treeSize, level) * TILE_WIDTH;
}

/**
 * The stored tiles needed, with the loose leaves [looseStart(n, 0), n), to recompute every loose
 * node of the tree of n leaves and of any larger tree grown from it (up to `upToLevel`): at each
 * level L >= 1, the tile of level L - 1 holding the first children of L's loose nodes, when that
 * tile is stored (when it is not, all those children are loose themselves).
 */
export function edgeTiles(treeSize: number, upToLevel: number): TileKey[] {
  const tiles: TileKey[] = [];
  for (let level = 1; level <= upToLevel; level++) {
    const firstChildTile = 2 * tilesAt(treeSize, level);
    if (firstChildTile < tilesAt(treeSize, level - 1)) tiles.push({ level: level - 1, tile: firstChildTile });
  }
  return tiles;
}

/** The highest level with a complete node in a tree of `treeSize` leaves; -1 when empty. */
export function topLevel(treeSize: number): number {
  let level = -1;
  while (nodesAt(treeSize, level + 1) > 0) level++;
  return level;
}

export function tileKey(key: TileKey): string {
  return `${key.level}/${key.tile}`;
}

/** The W node hashes of a stored tile. */
export function splitTile(hashes: Uint8Array): Uint8Array[] {
  return Array.from({ length: TILE_WIDTH }, (_, i) => hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
}
