import { createHash } from 'node:crypto';

/*
 * Test-only naive reference: RFC 6962 section 2.1 transcribed literally (recursive MTH, PATH,
 * PROOF over the whole list of leaves). It imports nothing from the prover, including its
 * hashing, so a shared mistake cannot make both agree. Quadratic and slow on purpose: clarity
 * is the point.
 */

function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

/** k: the largest power of two smaller than n, for n > 1. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) over the raw leaf inputs. */
export function referenceRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return sha256(Uint8Array.of(0), leaves[0]);
  const k = split(leaves.length);
  return sha256(Uint8Array.of(1), referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

/** The leaf hash of one raw input: MTH({d}). */
export function referenceLeafHash(leaf: Uint8Array): Uint8Array {
  return referenceRoot([leaf]);
}

/** PATH(m, D[n]). */
export function referencePath(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  if (m < k) return [...referencePath(m, leaves.slice(0, k)), referenceRoot(leaves.slice(k))];
  return [...referencePath(m - k, leaves.slice(k)), referenceRoot(leaves.slice(0, k))];
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
export function referenceProof(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  return referenceSubproof(m, leaves, true);
}

function referenceSubproof(m: number, leaves: readonly Uint8Array[], b: boolean): Uint8Array[] {
  const n = leaves.length;
  if (m === n) return b ? [] : [referenceRoot(leaves)];
  const k = split(n);
  if (m <= k) return [...referenceSubproof(m, leaves.slice(0, k), b), referenceRoot(leaves.slice(k))];
  return [...referenceSubproof(m - k, leaves.slice(k), false), referenceRoot(leaves.slice(0, k))];
}

/**
 * Every complete subtree of the tree of `leaves`, keyed "level/index" like the stored nodes:
 * the hash of leaves [index * 2^level, (index + 1) * 2^level).
 */
export function referenceStoredNodes(leaves: readonly Uint8Array[]): Map<string, Uint8Array> {
  const nodes = new Map<string, Uint8Array>();
  for (let width = 1, level = 0; width <= leaves.length; width *= 2, level++) {
    for (let index = 0; (index + 1) * width <= leaves.length; index++) {
      nodes.set(`${level}/${index}`, referenceRoot(leaves.slice(index * width, (index + 1) * width)));
    }
  }
  return nodes;
}

/** Leaf inputs 0..count-1 that are all distinct: the index as 4 big-endian bytes plus a tag. */
export function distinctLeaves(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, index) => {
    const bytes = new Uint8Array(5);
    new DataView(bytes.buffer).setUint32(0, index);
    bytes[4] = 0xa5;
    return bytes;
  });
}
