import { createHash } from 'node:crypto';
import { MemoryHashStore } from '../merkle/memoryHashStore';
import { computeStoredHashes } from '../merkle/storedHashes';
import { growEdge, type Tile } from './tileEdge';
import { TILE_WIDTH, edgeTiles, looseStart, nodesAt, splitTile, tileKey, topLevel } from './tileLayout';

const leaf = (i: number) => createHash('sha256').update(`leaf ${i}`).digest();
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** Grows a tree batch by batch as the sequencer does, keeping only what storage would keep. */
function growInBatches(batches: readonly number[]): { tiles: Map<string, Uint8Array>; size: number; leaves: Buffer[] } {
  const tiles = new Map<string, Uint8Array>();
  const leaves: Buffer[] = [];
  for (const count of batches) {
    const size = leaves.length;
    const needed = edgeTiles(size, topLevel(size + count));
    const material = {
      tiles: new Map(needed.map((key) => [tileKey(key), tiles.get(tileKey(key))!])),
      looseLeaves: leaves.slice(looseStart(size, 0), size),
    };
    const added = Array.from({ length: count }, (_, i) => leaf(size + i));
    const grown = growEdge(size, material, added);
    grown.newTiles.forEach((tile: Tile) => {
      expect(tiles.has(tileKey(tile))).toBe(false);
      tiles.set(tileKey(tile), tile.hashes);
    });
    leaves.push(...added);
  }
  return { tiles, size: leaves.length, leaves };
}

describe('tiled storage of the tree', () => {
  const batchPlans: number[][] = [
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    [15, 1, 16, 17, 31, 33, 64, 100],
    [1000],
    [0, 7, 0, 300, 5, 211],
  ];

  it.each(batchPlans.map((plan) => [plan.reduce((a, b) => a + b, 0), plan]))(
    'stores exactly the full tiles of the reference tree and recomputes every loose node (%i leaves)',
    (_total, plan) => {
      const { tiles, size, leaves } = growInBatches(plan as number[]);
      const reference = new MemoryHashStore();
      reference.writeHashes(computeStoredHashes(0, leaves, []));
      const byAddress = new Map(reference.nodes().map((n) => [`${n.level}/${n.index}`, hex(n.hash)]));
      const material = {
        tiles: new Map(edgeTiles(size, topLevel(size)).map((key) => [tileKey(key), tiles.get(tileKey(key))!])),
        looseLeaves: leaves.slice(looseStart(size, 0), size),
      };
      const { levels, newTiles } = growEdge(size, material, []);
      expect(newTiles).toEqual([]);
      for (let level = 0; level <= topLevel(size); level++) {
        const stored = looseStart(size, level) / TILE_WIDTH;
        for (let t = 0; t < stored; t++) {
          const nodes = splitTile(tiles.get(tileKey({ level, tile: t }))!);
          nodes.forEach((node, i) => expect(hex(node)).toBe(byAddress.get(`${level}/${t * TILE_WIDTH + i}`)));
        }
        expect(levels[level].base).toBe(looseStart(size, level));
        expect(levels[level].base + levels[level].nodes.length).toBe(nodesAt(size, level));
        levels[level].nodes.forEach((node, i) =>
          expect(hex(node)).toBe(byAddress.get(`${level}/${levels[level].base + i}`)),
        );
      }
      expect(tiles.size).toBe(
        [...Array(topLevel(size) + 1).keys()].reduce((sum, l) => sum + looseStart(size, l) / 16, 0),
      );
    },
  );

  it('refuses to grow without the stored tile it needs', () => {
    // 32 leaves: level 1 holds one full tile (nodes 0..15); the new level-2 nodes need it.
    const material = { tiles: new Map<string, Uint8Array>(), looseLeaves: [] };
    expect(() => growEdge(32, material, [leaf(32)])).toThrow(/tile 1\/0 is not stored/);
    expect(() => growEdge(33, material, [])).toThrow(/expected 1 loose leaves/);
  });
});
