import { leafHash, toHex } from './hasher';
import { inclusionProof, inclusionProofRanges } from './inclusionProof';
import { asyncErrorCode, errorCode } from './testing/errorCode';
import { GuardedReader } from './testing/guardedReader';
import { distinctLeaves, referencePath, referenceRoot } from './testing/referenceMerkle';
import { referenceStore } from './testing/referenceStore';
import { INCLUSION_VECTORS, VECTOR_LEAVES, VECTOR_ROOTS, fromHex } from './testing/referenceVectors';
import { bitLength } from './treeMath';
import { verifyInclusion } from './verify';

const MAX_SIZE = 64;

describe('inclusionProof', () => {
  it('produces the published RFC 6962 vector proofs, which verify', async () => {
    const leaves = VECTOR_LEAVES.map(fromHex);
    const store = referenceStore(leaves);
    for (const { index, treeSize, proof } of INCLUSION_VECTORS) {
      const produced = await inclusionProof(index, treeSize, new GuardedReader(store, treeSize));
      expect(produced.map(toHex)).toEqual(proof);
      const root = fromHex(VECTOR_ROOTS[treeSize - 1]);
      expect(errorCode(() => verifyInclusion(leafHash(leaves[index]), index, treeSize, produced, root))).toBe('none');
    }
  });

  it('equals the reference PATH for every leaf of every tree up to 64 leaves, and verifies', async () => {
    const leaves = distinctLeaves(MAX_SIZE);
    const store = referenceStore(leaves);
    const failures: string[] = [];
    for (let size = 1; size <= MAX_SIZE; size++) {
      const root = referenceRoot(leaves.slice(0, size));
      for (let index = 0; index < size; index++) {
        const reader = new GuardedReader(store, size);
        const proof = await inclusionProof(index, size, reader);
        const expected = referencePath(index, leaves.slice(0, size));
        if (proof.map(toHex).join() !== expected.map(toHex).join()) failures.push(`PATH(${index}, ${size}) differs`);
        if (reader.calls > 1 || reader.addressesRead > 2 * bitLength(size))
          failures.push(`PATH(${index}, ${size}) reads`);
        const outcome = errorCode(() => verifyInclusion(leafHash(leaves[index]), index, size, proof, root));
        if (outcome !== 'none') failures.push(`PATH(${index}, ${size}) does not verify: ${outcome}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lists the sibling subtrees bottom-up', () => {
    expect(inclusionProofRanges(5, 7)).toEqual([
      { start: 4, end: 5 },
      { start: 6, end: 7 },
      { start: 0, end: 4 },
    ]);
    expect(inclusionProofRanges(0, 1)).toEqual([]);
  });

  it('rejects a leaf outside the tree', async () => {
    const store = referenceStore(distinctLeaves(4));
    expect(await asyncErrorCode(inclusionProof(4, 4, store))).toBe('MERKLE.INDEX_OUT_OF_RANGE');
    expect(await asyncErrorCode(inclusionProof(0, 0, store))).toBe('MERKLE.INDEX_OUT_OF_RANGE');
    expect(await asyncErrorCode(inclusionProof(-1, 4, store))).toBe('MERKLE.INVALID_ARGUMENT');
    expect(() => inclusionProofRanges(9, 3)).toThrow('leaf index 9 is not below tree size 3');
  });

  it('fails when a stored hash it needs is missing', async () => {
    const store = referenceStore(distinctLeaves(4));
    expect(await asyncErrorCode(inclusionProof(0, 6, store))).toBe('MERKLE.MISSING_HASH');
  });
});
