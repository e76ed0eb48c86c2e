import { toHex } from './hasher';
import { consistencyProof, consistencyProofRanges } from './consistencyProof';
import { asyncErrorCode, errorCode } from './testing/errorCode';
import { GuardedReader } from './testing/guardedReader';
import { distinctLeaves, referenceProof, referenceRoot } from './testing/referenceMerkle';
import { referenceStore } from './testing/referenceStore';
import { CONSISTENCY_VECTORS, VECTOR_LEAVES, VECTOR_ROOTS, fromHex } from './testing/referenceVectors';
import { bitLength } from './treeMath';
import { verifyConsistency } from './verify';

const MAX_SIZE = 64;

describe('consistencyProof', () => {
  it('produces the published RFC 6962 vector proofs, which verify', async () => {
    const store = referenceStore(VECTOR_LEAVES.map(fromHex));
    for (const { size1, size2, proof } of CONSISTENCY_VECTORS) {
      const produced = await consistencyProof(size1, size2, new GuardedReader(store, size2));
      expect(produced.map(toHex)).toEqual(proof);
      const [root1, root2] = [VECTOR_ROOTS[size1 - 1], VECTOR_ROOTS[size2 - 1]].map(fromHex);
      expect(errorCode(() => verifyConsistency(size1, size2, produced, root1, root2))).toBe('none');
    }
  });

  it('equals the reference PROOF for every 1 <= m <= n <= 64, and verifies', async () => {
    const leaves = distinctLeaves(MAX_SIZE);
    const store = referenceStore(leaves);
    const roots = Array.from({ length: MAX_SIZE + 1 }, (_, size) => referenceRoot(leaves.slice(0, size)));
    const failures: string[] = [];
    for (let n = 1; n <= MAX_SIZE; n++) {
      for (let m = 1; m <= n; m++) {
        const reader = new GuardedReader(store, n);
        const proof = await consistencyProof(m, n, reader);
        const expected = referenceProof(m, leaves.slice(0, n));
        if (proof.map(toHex).join() !== expected.map(toHex).join()) failures.push(`PROOF(${m}, ${n}) differs`);
        if (reader.calls > 1 || reader.addressesRead > 2 * bitLength(n)) failures.push(`PROOF(${m}, ${n}) reads`);
        const outcome = errorCode(() => verifyConsistency(m, n, proof, roots[m], roots[n]));
        if (outcome !== 'none') failures.push(`PROOF(${m}, ${n}) does not verify: ${outcome}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lists the subtrees bottom-up, the old tree first unless it is a complete subtree', () => {
    expect(consistencyProofRanges(6, 8)).toEqual([
      { start: 4, end: 6 },
      { start: 6, end: 8 },
      { start: 0, end: 4 },
    ]);
    expect(consistencyProofRanges(4, 7)).toEqual([{ start: 4, end: 7 }]);
  });

  it('is empty from the empty tree and between equal sizes, and reads nothing', async () => {
    const store = referenceStore(distinctLeaves(5));
    for (const [m, n] of [
      [0, 0],
      [0, 5],
      [5, 5],
    ]) {
      const reader = new GuardedReader(store, n);
      expect(await consistencyProof(m, n, reader)).toEqual([]);
      expect(reader.calls).toBe(0);
    }
  });

  it('rejects an old tree larger than the new one and invalid sizes', async () => {
    const store = referenceStore(distinctLeaves(5));
    expect(await asyncErrorCode(consistencyProof(5, 4, store))).toBe('MERKLE.SIZE_OUT_OF_RANGE');
    expect(await asyncErrorCode(consistencyProof(1, Number.NaN, store))).toBe('MERKLE.INVALID_ARGUMENT');
    expect(() => consistencyProofRanges(3, 2)).toThrow('old tree size 3 is larger than new tree size 2');
  });
});
