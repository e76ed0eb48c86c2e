import { toHex } from './hasher';
import { foldSubtreeHashes, hashSubtrees, subtreeAddresses } from './subtree';
import { asyncErrorCode, errorCode } from './testing/errorCode';
import { GuardedReader } from './testing/guardedReader';
import { distinctLeaves, referenceRoot } from './testing/referenceMerkle';
import { referenceStore } from './testing/referenceStore';
import { EMPTY_TREE_ROOT } from './testing/referenceVectors';

describe('subtree', () => {
  it('decomposes a subtree into stored complete subtrees, largest first', () => {
    expect(subtreeAddresses({ start: 0, end: 7 })).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(subtreeAddresses({ start: 8, end: 14 })).toEqual([
      { level: 2, index: 2 },
      { level: 1, index: 6 },
    ]);
    expect(subtreeAddresses({ start: 16, end: 32 })).toEqual([{ level: 4, index: 1 }]);
    expect(subtreeAddresses({ start: 0, end: 0 })).toEqual([]);
    expect(subtreeAddresses({ start: 2 ** 40, end: 2 ** 40 + 2 ** 33 + 1 })).toEqual([
      { level: 33, index: 2 ** 7 },
      { level: 0, index: 2 ** 40 + 2 ** 33 },
    ]);
  });

  it('rejects ranges that are not nodes of an RFC 6962 tree', () => {
    for (const [start, end] of [
      [1, 3],
      [2, 5],
      [4, 3],
      [3, 3],
      [-1, 0],
    ]) {
      expect(errorCode(() => subtreeAddresses({ start, end }))).toBe('MERKLE.INVALID_ARGUMENT');
    }
  });

  it('hashes every subtree of trees up to 32 leaves like MTH, in one batch read', async () => {
    const leaves = distinctLeaves(32);
    const store = referenceStore(leaves);
    for (let end = 1; end <= 32; end++) {
      for (let width = 1; width <= end; width++) {
        const start = end - width;
        const aligned = errorCode(() => subtreeAddresses({ start, end })) === 'none';
        if (!aligned) continue;
        const reader = new GuardedReader(store, end);
        const [hash] = await hashSubtrees([{ start, end }], reader);
        expect(toHex(hash)).toBe(toHex(referenceRoot(leaves.slice(start, end))));
        expect(reader.calls).toBe(1);
      }
    }
  });

  it('folds no parts to the empty root and reads nothing for the empty tree', async () => {
    expect(toHex(foldSubtreeHashes([]))).toBe(EMPTY_TREE_ROOT);
    const reader = new GuardedReader(referenceStore([]), 0);
    const [root] = await hashSubtrees([{ start: 0, end: 0 }], reader);
    expect(toHex(root)).toBe(EMPTY_TREE_ROOT);
    expect(reader.calls).toBe(0);
  });

  it('reports a reader that breaks its contract', async () => {
    const shortReader = { readHashes: async () => [] };
    expect(await asyncErrorCode(hashSubtrees([{ start: 0, end: 3 }], shortReader))).toBe('MERKLE.MISSING_HASH');
    const badReader = { readHashes: async () => [new Uint8Array(32), new Uint8Array(31)] };
    expect(await asyncErrorCode(hashSubtrees([{ start: 0, end: 3 }], badReader))).toBe('MERKLE.BAD_HASH_SIZE');
  });
});
