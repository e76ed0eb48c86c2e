import { emptyRoot, nodeHash, requireHash, sameHash, toHex } from './hasher';
import { MerkleError } from './merkleError';
import { isOdd, isPowerOfTwo, popCount, requireCount, shiftRight, trailingZeros, xorBitLength } from './treeMath';

/*
 * Proof verification after RFC 9162 sections 2.1.3.2 and 2.1.4.2, which need only the proof, the
 * sizes and the roots (no stored hashes, no code shared with the prover). fn walks the leaf's
 * position and sn the last leaf's position up the tree; a node is combined from the left when fn
 * is a right child or the last node of its level (fn = sn), from the right otherwise.
 *
 * The RFC also fails when sn reaches 0 before the proof is used up or is not 0 after it; both
 * are the proof having the wrong length, which is checked up front (as transparency-dev/merkle
 * does) so the error can say what length was expected.
 */

/**
 * The number of nodes in the inclusion proof of leaf `index` in a tree of `treeSize` leaves:
 * levels below the point where the paths to the leaf and to the last leaf join, plus the left
 * siblings above it. Requires index < treeSize.
 */
export function inclusionProofSize(index: number, treeSize: number): number {
  const inner = xorBitLength(index, treeSize - 1);
  return inner + popCount(shiftRight(index, inner));
}

/**
 * The number of nodes in the consistency proof from size1 to size2, for 0 < size1 < size2: the
 * inclusion proof of leaf size1 - 1 without its levels inside the largest complete subtree that
 * ends at size1, plus that subtree's hash unless it is the whole old tree.
 */
export function consistencyProofSize(size1: number, size2: number): number {
  const inclusion = inclusionProofSize(size1 - 1, size2);
  const seed = isPowerOfTwo(size1) ? 0 : 1;
  return seed + inclusion - trailingZeros(size1);
}

/**
 * The root that an inclusion proof leads to (RFC 9162 2.1.3.2 steps 1-4).
 * Requires: index < treeSize (MERKLE.INDEX_OUT_OF_RANGE), proof.length equal to
 * inclusionProofSize(index, treeSize) (MERKLE.BAD_PROOF_SIZE), 32-byte hashes (MERKLE.BAD_HASH_SIZE).
 */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
): Uint8Array {
  requireCount('index', index);
  requireCount('treeSize', treeSize);
  if (index >= treeSize) {
    throw new MerkleError('MERKLE.INDEX_OUT_OF_RANGE', `index ${index} out of range for tree size ${treeSize}`, {
      index,
      treeSize,
    });
  }
  requireProofSize(proof, inclusionProofSize(index, treeSize), { index, treeSize });
  requireHash('leaf hash', leafHash);
  proof.forEach((node, position) => requireHash(`proof node ${position}`, node));
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [shiftRight(fn, 1), shiftRight(sn, 1)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [shiftRight(fn, 1), shiftRight(sn, 1)];
  }
  return r;
}

/**
 * Checks that `proof` proves leaf `index` with hash `leafHash` is in the tree of `treeSize`
 * leaves whose root is `root`. Throws MerkleError: the codes of rootFromInclusionProof, and
 * MERKLE.INCLUSION_MISMATCH when the proof leads to another root.
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  requireHash('root', root);
  const calculated = rootFromInclusionProof(leafHash, index, treeSize, proof);
  if (!sameHash(calculated, root)) {
    throw new MerkleError(
      'MERKLE.INCLUSION_MISMATCH',
      `calculated root ${toHex(calculated)} does not match expected root ${toHex(root)} (index ${index}, tree size ${treeSize})`,
      { index, treeSize, calculated: toHex(calculated), expected: toHex(root) },
    );
  }
}

/**
 * Checks that `proof` proves the tree of size1 leaves with root `root1` is a prefix of the tree
 * of size2 leaves with root `root2` (RFC 9162 2.1.4.2). Requires size1 <= size2
 * (MERKLE.SIZE_OUT_OF_RANGE) and proof.length = consistencyProofSize(size1, size2), which is 0
 * when size1 = 0 or size1 = size2 (MERKLE.BAD_PROOF_SIZE). For size1 = size2 the roots must be
 * equal; for size1 = 0, root1 must be the empty tree's root. A root that does not match throws
 * MERKLE.CONSISTENCY_MISMATCH; wrongly sized hashes throw MERKLE.BAD_HASH_SIZE.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  requireConsistencyInputs(size1, size2, proof, root1, root2);
  if (size1 === 0) return requireRoot('root1', emptyRoot(), root1, size1, size2);
  if (size1 === size2) return requireRoot('root2', root1, root2, size1, size2);
  const [fr, sr] = rootsFromConsistencyProof(size1, size2, proof, root1);
  requireRoot('root1', fr, root1, size1, size2);
  requireRoot('root2', sr, root2, size1, size2);
}

/** RFC 9162 2.1.4.2 steps 2-6, for 0 < size1 < size2 and a proof of the right length. */
function rootsFromConsistencyProof(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
): [Uint8Array, Uint8Array] {
  // A power-of-two old tree is a complete subtree of the new one: its root is the seed.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) [fn, sn] = [shiftRight(fn, 1), shiftRight(sn, 1)];
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [shiftRight(fn, 1), shiftRight(sn, 1)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [shiftRight(fn, 1), shiftRight(sn, 1)];
  }
  return [fr, sr];
}

function requireConsistencyInputs(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  requireCount('size1', size1);
  requireCount('size2', size2);
  if (size1 > size2) {
    throw new MerkleError('MERKLE.SIZE_OUT_OF_RANGE', `size1 ${size1} is larger than size2 ${size2}`, { size1, size2 });
  }
  const expected = size1 === 0 || size1 === size2 ? 0 : consistencyProofSize(size1, size2);
  requireProofSize(proof, expected, { size1, size2 });
  requireHash('root1', root1);
  requireHash('root2', root2);
  proof.forEach((node, position) => requireHash(`proof node ${position}`, node));
}

function requireProofSize(proof: readonly Uint8Array[], expected: number, sizes: Record<string, number>): void {
  if (proof.length !== expected) {
    const context = Object.entries(sizes)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ');
    throw new MerkleError('MERKLE.BAD_PROOF_SIZE', `wrong proof size ${proof.length}, want ${expected} (${context})`, {
      ...sizes,
      proofSize: proof.length,
      expected,
    });
  }
}

function requireRoot(name: string, calculated: Uint8Array, expected: Uint8Array, size1: number, size2: number): void {
  if (!sameHash(calculated, expected)) {
    throw new MerkleError(
      'MERKLE.CONSISTENCY_MISMATCH',
      `calculated ${name} ${toHex(calculated)} does not match expected ${toHex(expected)} (size1 ${size1}, size2 ${size2})`,
      { root: name, size1, size2, calculated: toHex(calculated), expected: toHex(expected) },
    );
  }
}
