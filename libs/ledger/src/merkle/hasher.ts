import { createHash } from 'node:crypto';
import { MerkleError } from './merkleError';
import { Preimage } from './sha256';

/*
 * RFC 6962 section 2.1 hashing. The one-byte prefixes give leaves and interior nodes disjoint
 * preimages, so no interior node can be passed off as a leaf (second-preimage defence).
 */

/** Prefix of a leaf hash preimage: SHA-256(0x00 || leaf bytes). */
export const LEAF_HASH_PREFIX = 0x00;
/** Prefix of an interior node hash preimage: SHA-256(0x01 || left || right). */
export const NODE_HASH_PREFIX = 0x01;
/** Every hash in the tree is a SHA-256 digest. */
export const HASH_SIZE = 32;

// Proofs and verification hash millions of small preimages; one scratch buffer serves them all.
const preimage = new Preimage(1 + 2 * HASH_SIZE);

/** Hash of one leaf (for the ledger: the canonical bytes of one event). */
export function leafHash(bytes: Uint8Array): Uint8Array {
  return preimage.hashPrefixed(LEAF_HASH_PREFIX, bytes);
}

/** Hash of an interior node from its two children, left first. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  requireHash('left', left);
  requireHash('right', right);
  return preimage.hashPair(NODE_HASH_PREFIX, left, right);
}

/** Root of the tree with no leaves: SHA-256 of the empty string. A fresh copy on every call. */
export function emptyRoot(): Uint8Array {
  return createHash('sha256').digest();
}

/** Throws MERKLE.BAD_HASH_SIZE unless `hash` is exactly HASH_SIZE bytes; `name` goes in the message. */
export function requireHash(name: string, hash: Uint8Array): void {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
    const length = hash instanceof Uint8Array ? hash.length : -1;
    throw new MerkleError('MERKLE.BAD_HASH_SIZE', `${name} must be ${HASH_SIZE} bytes, got ${length}`, {
      name,
      length,
    });
  }
}

/** Byte equality of two hashes. Not constant time: every hash here is public. */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** Lower-case hex, for messages and test vectors. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}
