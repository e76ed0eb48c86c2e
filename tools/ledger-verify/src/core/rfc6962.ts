import { sameBytes } from './bytes';
import type { VerifierCrypto } from './platform';

/*
 * RFC 6962 / RFC 9162 Merkle hashing, written for this verifier alone: it shares no code with the
 * ledger that produced the bundle, so a mistake there cannot make a bad bundle pass here.
 */

const LEAF = Uint8Array.of(0);
const NODE = Uint8Array.of(1);

export class MerkleHasher {
  constructor(private readonly crypto: VerifierCrypto) {}

  leafHash(bytes: Uint8Array): Promise<Uint8Array> {
    return this.crypto.sha256(LEAF, bytes);
  }

  nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
    return this.crypto.sha256(NODE, left, right);
  }

  emptyRoot(): Promise<Uint8Array> {
    return this.crypto.sha256();
  }
}

/**
 * The complete subtrees on the right edge of a tree being grown leaf by leaf. Started from the
 * left edge of [0, start) (one subtree per set bit of start, largest first), appending the
 * leaves [start, end) gives the root of the tree of `end` leaves.
 */
export class CompactRange {
  private readonly stack: { size: number; hash: Uint8Array }[] = [];

  constructor(
    private readonly hasher: MerkleHasher,
    start: number,
    leftEdge: readonly Uint8Array[],
  ) {
    const sizes: number[] = [];
    for (let bit = 2 ** 52; bit >= 1; bit /= 2) if (Math.floor(start / bit) % 2 === 1) sizes.push(bit);
    if (sizes.length !== leftEdge.length) {
      throw new Error(`left edge has ${leftEdge.length} hashes, a range starting at ${start} needs ${sizes.length}`);
    }
    sizes.forEach((size, i) => this.stack.push({ size, hash: leftEdge[i] }));
  }

  async append(leaf: Uint8Array): Promise<void> {
    let node = { size: 1, hash: leaf };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].size === node.size) {
      const left = this.stack.pop()!;
      node = { size: node.size * 2, hash: await this.hasher.nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
  }

  async root(): Promise<Uint8Array> {
    if (this.stack.length === 0) return this.hasher.emptyRoot();
    let hash = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = await this.hasher.nodeHash(this.stack[i].hash, hash);
    return hash;
  }
}

const lsb = (x: bigint) => (x & 1n) === 1n;

/** RFC 9162 2.1.4.2: does `proof` show the tree of size1 (root1) is a prefix of size2 (root2)? */
export async function verifyConsistency(
  hasher: MerkleHasher,
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): Promise<boolean> {
  if (size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && sameBytes(root1, root2);
  if (size1 === 0) return proof.length === 0 && sameBytes(root1, await hasher.emptyRoot());
  if (proof.length === 0) return false;
  const path = (BigInt(size1) & (BigInt(size1) - 1n)) === 0n ? [root1, ...proof] : [...proof];
  let fn = BigInt(size1 - 1);
  let sn = BigInt(size2 - 1);
  while (lsb(fn)) [fn, sn] = [fn >> 1n, sn >> 1n];
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if (lsb(fn) || fn === sn) {
      fr = await hasher.nodeHash(c, fr);
      sr = await hasher.nodeHash(c, sr);
      while (!lsb(fn) && fn !== 0n) [fn, sn] = [fn >> 1n, sn >> 1n];
    } else {
      sr = await hasher.nodeHash(sr, c);
    }
    [fn, sn] = [fn >> 1n, sn >> 1n];
  }
  return sn === 0n && sameBytes(fr, root1) && sameBytes(sr, root2);
}
