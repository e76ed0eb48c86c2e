import { leafHash, toHex } from './hasher';
import { MemoryHashStore } from './memoryHashStore';
import { treeHash, treeHashAddresses } from './treeHash';
import { asyncErrorCode } from './testing/errorCode';
import { GuardedReader } from './testing/guardedReader';
import { distinctLeaves, referenceRoot } from './testing/referenceMerkle';
import { referenceStore } from './testing/referenceStore';
import { EMPTY_TREE_ROOT, VECTOR_LEAVES, VECTOR_ROOTS, fromHex } from './testing/referenceVectors';
import { bitLength, popCount } from './treeMath';

describe('treeHash', () => {
  it('gives the published roots of the RFC 6962 vector trees of 0 to 8 leaves', async () => {
    const store = referenceStore(VECTOR_LEAVES.map(fromHex));
    expect(toHex(await treeHash(0, store))).toBe(EMPTY_TREE_ROOT);
    for (let size = 1; size <= VECTOR_LEAVES.length; size++) {
      expect(toHex(await treeHash(size, new GuardedReader(store, size)))).toBe(VECTOR_ROOTS[size - 1]);
    }
    expect(toHex(await treeHash(8, store))).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
  });

  it('matches the reference MTH for every size up to 64, reading one stored hash per set bit in one batch', async () => {
    const leaves = distinctLeaves(64);
    const store = referenceStore(leaves);
    for (let size = 1; size <= 64; size++) {
      const reader = new GuardedReader(store, size);
      expect(toHex(await treeHash(size, reader))).toBe(toHex(referenceRoot(leaves.slice(0, size))));
      expect([reader.calls, reader.addressesRead]).toEqual([1, popCount(size)]);
      expect(popCount(size)).toBeLessThanOrEqual(bitLength(size));
    }
  });

  it('reads the right edge of the tree, largest subtree first', () => {
    expect(treeHashAddresses(0)).toEqual([]);
    expect(treeHashAddresses(13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
  });

  it('needs the stored hashes of the tree and a valid size', async () => {
    const store = new MemoryHashStore();
    store.writeHashes([{ level: 0, index: 0, hash: leafHash(new Uint8Array()) }]);
    expect(await asyncErrorCode(treeHash(2, store))).toBe('MERKLE.MISSING_HASH');
    expect(await asyncErrorCode(treeHash(-1, store))).toBe('MERKLE.INVALID_ARGUMENT');
    expect(await asyncErrorCode(treeHash(0.5, store))).toBe('MERKLE.INVALID_ARGUMENT');
  });
});
