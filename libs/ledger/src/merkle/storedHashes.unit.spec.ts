import { leafHash, toHex } from './hasher';
import { MemoryHashStore } from './memoryHashStore';
import {
  appendLeaves,
  appendSiblingAddresses,
  computeStoredHashes,
  storedHashesForLeaf,
  storedHashesForLeaves,
} from './storedHashes';
import { StoredNode } from './treeAddress';
import { treeHash } from './treeHash';
import { asyncErrorCode, errorCode } from './testing/errorCode';
import { GuardedReader } from './testing/guardedReader';
import { distinctLeaves, referenceRoot, referenceStoredNodes } from './testing/referenceMerkle';
import { VECTOR_LEAVES, VECTOR_ROOTS, fromHex } from './testing/referenceVectors';

const MAX_SIZE = 64;
const LEAVES = distinctLeaves(MAX_SIZE);
const LEAF_HASHES = LEAVES.map(leafHash);

/** The store's contents as "level/index" -> hex, to compare with the reference. */
function contents(store: MemoryHashStore): Record<string, string> {
  return Object.fromEntries(store.nodes().map((node) => [`${node.level}/${node.index}`, toHex(node.hash)]));
}

function referenceContents(size: number): Record<string, string> {
  return Object.fromEntries([...referenceStoredNodes(LEAVES.slice(0, size))].map(([key, hash]) => [key, toHex(hash)]));
}

/** Batch sizes that cover 0, 1, odd and even runs, and runs that cross several levels. */
const BATCH_PATTERNS = [[1], [2], [3], [5, 0, 1], [7, 2], [16], [1, 2, 4, 8], [13, 6, 11, 9], [64]];

describe('storedHashes', () => {
  it('lists the right edge siblings an append combines with, lowest level first', () => {
    expect(appendSiblingAddresses(0, 1)).toEqual([]);
    expect(appendSiblingAddresses(6, 1)).toEqual([]);
    expect(appendSiblingAddresses(7, 1)).toEqual([
      { level: 0, index: 6 },
      { level: 1, index: 2 },
      { level: 2, index: 0 },
    ]);
    expect(appendSiblingAddresses(7, 0)).toEqual([]);
    expect(appendSiblingAddresses(5, 3)).toEqual([
      { level: 0, index: 4 },
      { level: 2, index: 0 },
    ]);
    expect(appendSiblingAddresses(2 ** 40 + 2 ** 35, 2 ** 35)).toEqual([{ level: 35, index: 2 ** 5 }]);
  });

  it('stores the leaf and every subtree it completes when appending leaf 7', async () => {
    const store = new MemoryHashStore();
    store.writeHashes(await storedHashesForLeaves(0, LEAF_HASHES.slice(0, 7), store));
    const nodes = await storedHashesForLeaf(7, LEAF_HASHES[7], new GuardedReader(store, 7));
    expect(nodes.map(({ level, index }) => `${level}/${index}`)).toEqual(['0/7', '1/3', '2/1', '3/0']);
    expect(toHex(nodes[3].hash)).toBe(toHex(referenceRoot(LEAVES.slice(0, 8))));
  });

  it('appending one by one stores exactly the reference complete subtrees, one read per append', async () => {
    const store = new MemoryHashStore();
    for (let size = 0; size < MAX_SIZE; size++) {
      const reader = new GuardedReader(store, size);
      store.writeHashes(await storedHashesForLeaf(size, LEAF_HASHES[size], reader));
      expect(reader.calls).toBeLessThanOrEqual(1);
      expect(contents(store)).toEqual(referenceContents(size + 1));
      expect(toHex(await treeHash(size + 1, store))).toBe(toHex(referenceRoot(LEAVES.slice(0, size + 1))));
    }
  });

  it.each(BATCH_PATTERNS.map((pattern) => [pattern.join(', '), pattern] as const))(
    'appending in batches of %s (repeated) gives the same nodes and roots',
    async (_label, pattern) => {
      const store = new MemoryHashStore();
      let size = 0;
      for (let turn = 0; size < MAX_SIZE; turn++) {
        const count = Math.min(pattern[turn % pattern.length], MAX_SIZE - size);
        const reader = new GuardedReader(store, size);
        const { nodes, root } = await appendLeaves(size, LEAF_HASHES.slice(size, size + count), reader);
        expect(nodes).toEqual(await storedHashesForLeaves(size, LEAF_HASHES.slice(size, size + count), store));
        store.writeHashes(nodes);
        size += count;
        expect(reader.calls).toBeLessThanOrEqual(1);
        expect(contents(store)).toEqual(referenceContents(size));
        expect(toHex(root)).toBe(toHex(referenceRoot(LEAVES.slice(0, size))));
      }
    },
  );

  it('creates new nodes only: every node of a batch is new, leaf by leaf, lowest level first', async () => {
    const store = new MemoryHashStore();
    store.writeHashes(await storedHashesForLeaves(0, LEAF_HASHES.slice(0, 5), store));
    const nodes = await storedHashesForLeaves(5, LEAF_HASHES.slice(5, 12), store);
    const before = contents(store);
    expect(nodes.filter(({ level, index }) => `${level}/${index}` in before)).toEqual([]);
    expect(nodes.map(({ level, index }) => `${level}/${index}`)).toEqual([
      '0/5',
      '1/2',
      '0/6',
      '0/7',
      '1/3',
      '2/1',
      '3/0',
      '0/8',
      '0/9',
      '1/4',
      '0/10',
      '0/11',
      '1/5',
      '2/2',
    ]);
  });

  it('reproduces the vector roots when appending the vector leaves', async () => {
    const store = new MemoryHashStore();
    for (let size = 0; size < VECTOR_LEAVES.length; size++) {
      const { nodes, root } = await appendLeaves(size, [leafHash(fromHex(VECTOR_LEAVES[size]))], store);
      store.writeHashes(nodes);
      expect(toHex(root)).toBe(VECTOR_ROOTS[size]);
    }
  });

  it('appending nothing stores nothing and returns the current root', async () => {
    const store = new MemoryHashStore();
    store.writeHashes(await storedHashesForLeaves(0, LEAF_HASHES.slice(0, 6), store));
    expect(await storedHashesForLeaves(6, [], store)).toEqual([]);
    const { nodes, root } = await appendLeaves(6, [], store);
    expect(nodes).toEqual([]);
    expect(toHex(root)).toBe(toHex(referenceRoot(LEAVES.slice(0, 6))));
    expect(toHex((await appendLeaves(0, [], store)).root)).toBe(toHex(referenceRoot([])));
  });

  it('checks the pure core: missing, misplaced and malformed inputs', () => {
    const sibling = (level: number, index: number): StoredNode => ({ level, index, hash: LEAF_HASHES[0] });
    expect(errorCode(() => computeStoredHashes(7, [LEAF_HASHES[7]], [sibling(0, 6)]))).toBe('MERKLE.MISSING_HASH');
    expect(errorCode(() => computeStoredHashes(7, [LEAF_HASHES[7]], [sibling(0, 5)]))).toBe('MERKLE.INVALID_ARGUMENT');
    expect(errorCode(() => computeStoredHashes(6, [LEAF_HASHES[6]], [sibling(0, 5)]))).toBe('MERKLE.INVALID_ARGUMENT');
    expect(errorCode(() => computeStoredHashes(0, [new Uint8Array(31)], []))).toBe('MERKLE.BAD_HASH_SIZE');
    expect(errorCode(() => computeStoredHashes(-1, [LEAF_HASHES[0]], []))).toBe('MERKLE.INVALID_ARGUMENT');
  });

  it('fails when the store lacks a sibling it needs', async () => {
    const store = new MemoryHashStore();
    expect(await asyncErrorCode(storedHashesForLeaf(3, LEAF_HASHES[3], store))).toBe('MERKLE.MISSING_HASH');
    expect(await asyncErrorCode(appendLeaves(2, [LEAF_HASHES[2]], store))).toBe('MERKLE.MISSING_HASH');
  });
});
