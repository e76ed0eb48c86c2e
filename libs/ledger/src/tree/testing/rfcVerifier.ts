import { createHash } from 'node:crypto';

/*
 * Test-only verifier transcribed from RFC 9162 sections 2.1.3.2 (inclusion) and 2.1.4.2
 * (consistency). It imports nothing from the prover or from merkle/, including hashing, so a
 * shared mistake cannot make prover and verifier agree. Bit operations use BigInt so that the
 * transcription can stay literal.
 */

function node(left: Uint8Array, right: Uint8Array): Uint8Array {
  return createHash('sha256').update(Uint8Array.of(1)).update(left).update(right).digest();
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

const lsb = (x: bigint) => (x & 1n) === 1n;

/** RFC 9162 2.1.3.2: true when `path` proves `leafHash` is leaf `index` of the tree with `root`. */
export function rfcVerifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  path: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (index >= treeSize) return false;
  let fn = BigInt(index);
  let sn = BigInt(treeSize - 1);
  let r = leafHash;
  for (const p of path) {
    if (sn === 0n) return false;
    if (lsb(fn) || fn === sn) {
      r = node(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = node(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && same(r, root);
}

/** RFC 9162 2.1.4.2: true when `path` proves the tree of size1 (root1) is a prefix of size2 (root2). */
export function rfcVerifyConsistency(
  size1: number,
  size2: number,
  path: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (size1 === size2) return path.length === 0 && same(root1, root2);
  if (size1 === 0 || size1 > size2 || path.length === 0) return false;
  const isPowerOfTwo = (size1 & (size1 - 1)) === 0;
  const proof = isPowerOfTwo ? [root1, ...path] : [...path];
  let fn = BigInt(size1 - 1);
  let sn = BigInt(size2 - 1);
  while (lsb(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = proof[0];
  let sr = proof[0];
  for (const c of proof.slice(1)) {
    if (sn === 0n) return false;
    if (lsb(fn) || fn === sn) {
      fr = node(c, fr);
      sr = node(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = node(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && same(fr, root1) && same(sr, root2);
}

/** RFC 6962 MTH over leaf hashes, recursively, for expected roots. */
export function rfcRootOfLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return createHash('sha256').digest();
  if (leafHashes.length === 1) return leafHashes[0];
  let k = 1;
  while (k * 2 < leafHashes.length) k *= 2;
  return node(rfcRootOfLeafHashes(leafHashes.slice(0, k)), rfcRootOfLeafHashes(leafHashes.slice(k)));
}
