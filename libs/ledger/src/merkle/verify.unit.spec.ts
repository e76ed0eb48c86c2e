import { emptyRoot, leafHash, toHex } from './hasher';
import { consistencyProof } from './consistencyProof';
import { inclusionProof } from './inclusionProof';
import { treeHash } from './treeHash';
import { errorCode, flipBit } from './testing/errorCode';
import { distinctLeaves, referencePath, referenceProof, referenceRoot } from './testing/referenceMerkle';
import {
  CONSISTENCY_VECTORS,
  INCLUSION_VECTORS,
  VECTOR_LEAVES,
  VECTOR_ROOTS,
  fromHex,
} from './testing/referenceVectors';
import { UniformHashReader } from './testing/uniformHashReader';
import {
  consistencyProofSize,
  inclusionProofSize,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from './verify';

const MAX_SIZE = 64;
// Twice as many leaves, so that the reference can size the proofs of the "size * 2" probes.
const LEAVES = distinctLeaves(2 * MAX_SIZE);
const LEAF_HASHES = LEAVES.map(leafHash);
const ROOTS = Array.from({ length: MAX_SIZE + 1 }, (_, size) => referenceRoot(LEAVES.slice(0, size)));
const PATHS = ROOTS.map((_, size) =>
  Array.from({ length: size }, (_, index) => referencePath(index, LEAVES.slice(0, size))),
);
const PROOFS = ROOTS.map((_, n) =>
  Array.from({ length: n + 1 }, (_, m) => (m === 0 ? [] : referenceProof(m, LEAVES.slice(0, n)))),
);

const referenceLengths = new Map<string, number>();
/** Memoised reference proof lengths: the naive reference recomputes every hash on each call. */
function referenceLength(kind: 'path' | 'proof', m: number, n: number): number {
  const key = `${kind} ${m} ${n}`;
  if (!referenceLengths.has(key)) {
    const proof = kind === 'path' ? referencePath(m, LEAVES.slice(0, n)) : referenceProof(m, LEAVES.slice(0, n));
    referenceLengths.set(key, proof.length);
  }
  return referenceLengths.get(key) ?? -1;
}

/** The code verifyInclusion must fail with for a probe, derived from the reference alone. */
function expectedInclusionCode(index: number, size: number, proofLength: number): string {
  if (index < 0) return 'MERKLE.INVALID_ARGUMENT';
  if (index >= size) return 'MERKLE.INDEX_OUT_OF_RANGE';
  if (referenceLength('path', index, size) !== proofLength) return 'MERKLE.BAD_PROOF_SIZE';
  return 'MERKLE.INCLUSION_MISMATCH';
}

/** The code verifyConsistency must fail with for a probe, derived from the reference alone. */
function expectedConsistencyCode(size1: number, size2: number, proofLength: number): string {
  if (size1 < 0) return 'MERKLE.INVALID_ARGUMENT';
  if (size1 > size2) return 'MERKLE.SIZE_OUT_OF_RANGE';
  const expectedLength = size1 === 0 ? 0 : referenceLength('proof', size1, size2);
  return expectedLength === proofLength ? 'MERKLE.CONSISTENCY_MISMATCH' : 'MERKLE.BAD_PROOF_SIZE';
}

describe('verifyInclusion', () => {
  it('accepts the published RFC 6962 vector proofs', () => {
    for (const { index, treeSize, proof } of INCLUSION_VECTORS) {
      const leaf = leafHash(fromHex(VECTOR_LEAVES[index]));
      const root = fromHex(VECTOR_ROOTS[treeSize - 1]);
      expect(errorCode(() => verifyInclusion(leaf, index, treeSize, proof.map(fromHex), root))).toBe('none');
    }
  });

  it('rejects every corruption of every proof up to 64 leaves with the right code', () => {
    const failures: string[] = [];
    const probe = (label: string, expected: string, run: () => void) => {
      const actual = errorCode(run);
      if (actual !== expected) failures.push(`${label}: got ${actual}, want ${expected}`);
    };
    for (let size = 1; size <= MAX_SIZE; size++) {
      for (let index = 0; index < size; index++) {
        const [proof, root, leaf] = [PATHS[size][index], ROOTS[size], LEAF_HASHES[index]];
        const at = `(${index}, ${size})`;
        proof.forEach((node, position) => {
          const corrupted = proof.map((other, p) => (p === position ? flipBit(node, index + size + p) : other));
          probe(`flipped node ${position} ${at}`, 'MERKLE.INCLUSION_MISMATCH', () =>
            verifyInclusion(leaf, index, size, corrupted, root),
          );
        });
        for (const wrong of new Set([index - 1, index + 1, index ^ 2].filter((other) => other !== index))) {
          probe(`index ${wrong} ${at}`, expectedInclusionCode(wrong, size, proof.length), () =>
            verifyInclusion(leaf, wrong, size, proof, root),
          );
        }
        for (const wrong of [size * 2, Math.floor(size / 2)]) {
          probe(`size ${wrong} ${at}`, expectedInclusionCode(index, wrong, proof.length), () =>
            verifyInclusion(leaf, index, wrong, proof, root),
          );
        }
        for (const wrong of [ROOTS[size - 1], flipBit(root, size), LEAF_HASHES[size]]) {
          probe(`root ${at}`, 'MERKLE.INCLUSION_MISMATCH', () => verifyInclusion(leaf, index, size, proof, wrong));
        }
        probe(`leaf ${at}`, 'MERKLE.INCLUSION_MISMATCH', () =>
          verifyInclusion(flipBit(leaf, 3), index, size, proof, root),
        );
        probe(`extended ${at}`, 'MERKLE.BAD_PROOF_SIZE', () =>
          verifyInclusion(leaf, index, size, [...proof, leaf], root),
        );
        if (proof.length > 0) {
          probe(`truncated ${at}`, 'MERKLE.BAD_PROOF_SIZE', () =>
            verifyInclusion(leaf, index, size, proof.slice(1), root),
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('knows the proof size from the index and size alone', () => {
    for (let size = 1; size <= MAX_SIZE; size++) {
      for (let index = 0; index < size; index++)
        expect(inclusionProofSize(index, size)).toBe(PATHS[size][index].length);
    }
  });

  it('reports the numbers in its errors', () => {
    const [leaf, proof, root] = [LEAF_HASHES[2], PATHS[5][2], ROOTS[5]];
    expect(() => verifyInclusion(leaf, 5, 5, proof, root)).toThrow('index 5 out of range for tree size 5');
    expect(() => verifyInclusion(leaf, 2, 5, proof.slice(1), root)).toThrow(
      'wrong proof size 2, want 3 (index 2, treeSize 5)',
    );
    expect(() => verifyInclusion(leaf, 2, 5, proof, ROOTS[4])).toThrow(
      `calculated root ${toHex(root)} does not match expected root ${toHex(ROOTS[4])} (index 2, tree size 5)`,
    );
  });

  it('rejects malformed inputs', () => {
    const [leaf, proof, root] = [LEAF_HASHES[0], PATHS[4][0], ROOTS[4]];
    expect(errorCode(() => verifyInclusion(leaf.subarray(1), 0, 4, proof, root))).toBe('MERKLE.BAD_HASH_SIZE');
    expect(errorCode(() => verifyInclusion(leaf, 0, 4, [proof[0], new Uint8Array(16)], root))).toBe(
      'MERKLE.BAD_HASH_SIZE',
    );
    expect(errorCode(() => verifyInclusion(leaf, 0, 4, proof, new Uint8Array(0)))).toBe('MERKLE.BAD_HASH_SIZE');
    expect(errorCode(() => verifyInclusion(leaf, 0, 0, [], emptyRoot()))).toBe('MERKLE.INDEX_OUT_OF_RANGE');
    expect(errorCode(() => verifyInclusion(leaf, 0.5, 4, proof, root))).toBe('MERKLE.INVALID_ARGUMENT');
    expect(toHex(rootFromInclusionProof(leaf, 0, 1, []))).toBe(toHex(leaf));
  });
});

describe('verifyConsistency', () => {
  it('accepts the published RFC 6962 vector proofs', () => {
    for (const { size1, size2, proof } of CONSISTENCY_VECTORS) {
      const [root1, root2] = [VECTOR_ROOTS[size1 - 1], VECTOR_ROOTS[size2 - 1]].map(fromHex);
      expect(errorCode(() => verifyConsistency(size1, size2, proof.map(fromHex), root1, root2))).toBe('none');
    }
  });

  it('rejects every corruption of every proof up to 64 leaves with the right code', () => {
    const failures: string[] = [];
    const probe = (label: string, expected: string, run: () => void) => {
      const actual = errorCode(run);
      if (actual !== expected) failures.push(`${label}: got ${actual}, want ${expected}`);
    };
    for (let n = 1; n <= MAX_SIZE; n++) {
      for (let m = 1; m <= n; m++) {
        const [proof, root1, root2] = [PROOFS[n][m], ROOTS[m], ROOTS[n]];
        const at = `(${m}, ${n})`;
        proof.forEach((node, position) => {
          const corrupted = proof.map((other, p) => (p === position ? flipBit(node, m + n + p) : other));
          probe(`flipped node ${position} ${at}`, 'MERKLE.CONSISTENCY_MISMATCH', () =>
            verifyConsistency(m, n, corrupted, root1, root2),
          );
        });
        for (const wrong of new Set([m - 1, m + 1, m ^ 2].filter((other) => other !== m))) {
          probe(`size1 ${wrong} ${at}`, expectedConsistencyCode(wrong, n, proof.length), () =>
            verifyConsistency(wrong, n, proof, root1, root2),
          );
        }
        for (const wrong of [n * 2, Math.floor(n / 2)]) {
          probe(`size2 ${wrong} ${at}`, expectedConsistencyCode(m, wrong, proof.length), () =>
            verifyConsistency(m, wrong, proof, root1, root2),
          );
        }
        if (m < n) {
          probe(`swapped roots ${at}`, 'MERKLE.CONSISTENCY_MISMATCH', () =>
            verifyConsistency(m, n, proof, root2, root1),
          );
          probe(`extended ${at}`, 'MERKLE.BAD_PROOF_SIZE', () =>
            verifyConsistency(m, n, [...proof, root1], root1, root2),
          );
          probe(`truncated ${at}`, 'MERKLE.BAD_PROOF_SIZE', () =>
            verifyConsistency(m, n, proof.slice(1), root1, root2),
          );
        }
        probe(`root1 ${at}`, 'MERKLE.CONSISTENCY_MISMATCH', () =>
          verifyConsistency(m, n, proof, flipBit(root1, m), root2),
        );
        probe(`root2 ${at}`, 'MERKLE.CONSISTENCY_MISMATCH', () =>
          verifyConsistency(m, n, proof, root1, flipBit(root2, n)),
        );
      }
    }
    expect(failures).toEqual([]);
  });

  it('knows the proof size from the sizes alone', () => {
    for (let n = 2; n <= MAX_SIZE; n++) {
      for (let m = 1; m < n; m++) expect(consistencyProofSize(m, n)).toBe(PROOFS[n][m].length);
    }
  });

  it('treats the empty old tree and equal sizes as RFC 9162 and transparency-dev do', () => {
    const [root3, root5] = [ROOTS[3], ROOTS[5]];
    expect(errorCode(() => verifyConsistency(0, 5, [], emptyRoot(), root5))).toBe('none');
    expect(errorCode(() => verifyConsistency(0, 0, [], emptyRoot(), emptyRoot()))).toBe('none');
    expect(errorCode(() => verifyConsistency(0, 5, [root3], emptyRoot(), root5))).toBe('MERKLE.BAD_PROOF_SIZE');
    expect(errorCode(() => verifyConsistency(0, 5, [], root3, root5))).toBe('MERKLE.CONSISTENCY_MISMATCH');
    expect(errorCode(() => verifyConsistency(5, 5, [], root5, root5))).toBe('none');
    expect(errorCode(() => verifyConsistency(5, 5, [root3], root5, root5))).toBe('MERKLE.BAD_PROOF_SIZE');
    expect(errorCode(() => verifyConsistency(5, 5, [], root3, root5))).toBe('MERKLE.CONSISTENCY_MISMATCH');
    expect(errorCode(() => verifyConsistency(3, 5, PROOFS[5][3], root3, root5.subarray(2)))).toBe(
      'MERKLE.BAD_HASH_SIZE',
    );
  });

  it('reports the numbers in its errors', () => {
    const [proof, root1, root2] = [PROOFS[7][3], ROOTS[3], ROOTS[7]];
    expect(() => verifyConsistency(7, 3, proof, root1, root2)).toThrow('size1 7 is larger than size2 3');
    expect(() => verifyConsistency(3, 7, proof.slice(1), root1, root2)).toThrow(
      `wrong proof size ${proof.length - 1}, want ${proof.length} (size1 3, size2 7)`,
    );
    expect(() => verifyConsistency(3, 7, proof, root1, ROOTS[6])).toThrow(
      `calculated root2 ${toHex(root2)} does not match expected ${toHex(ROOTS[6])} (size1 3, size2 7)`,
    );
  });
});

describe('proofs of trees beyond 2^32 leaves', () => {
  // All leaves equal, so every stored node of a level has the same hash (see UniformHashReader).
  const reader = new UniformHashReader(leafHash(Uint8Array.of(42)));
  const sizes = [2 ** 32 + 1, 2 ** 33 - 1, 3 * 2 ** 40 + 5, 2 ** 52 + 2 ** 31 + 3];

  it('verifies inclusion proofs and sizes them like the prover', async () => {
    for (const size of sizes) {
      const root = await treeHash(size, reader);
      for (const index of [0, 2 ** 31, 2 ** 32 - 1, 2 ** 32, size - 2, size - 1]) {
        const proof = await inclusionProof(index, size, reader);
        expect(proof).toHaveLength(inclusionProofSize(index, size));
        expect(errorCode(() => verifyInclusion(reader.leafHash, index, size, proof, root))).toBe('none');
        expect(errorCode(() => verifyInclusion(reader.leafHash, index, size, proof, flipBit(root, 0)))).toBe(
          'MERKLE.INCLUSION_MISMATCH',
        );
      }
    }
  });

  it('verifies consistency proofs and sizes them like the prover', async () => {
    for (const size2 of sizes) {
      const root2 = await treeHash(size2, reader);
      for (const size1 of [1, 2 ** 31 + 1, 2 ** 32, 2 ** 32 + 1, size2 - 1].filter((size1) => size1 < size2)) {
        const proof = await consistencyProof(size1, size2, reader);
        const root1 = await treeHash(size1, reader);
        expect(proof).toHaveLength(consistencyProofSize(size1, size2));
        expect(errorCode(() => verifyConsistency(size1, size2, proof, root1, root2))).toBe('none');
      }
    }
  });
});
