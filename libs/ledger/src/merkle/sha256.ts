import * as crypto from 'node:crypto';

/*
 * SHA-256 of one buffer. crypto.hash (Node 20.12+) hashes in a single native call; createHash
 * builds a Hash object per call, which for a 65-byte tree node costs more than the hashing
 * itself. Older Node versions fall back to createHash.
 */
type OneShot = (algorithm: string, data: Uint8Array, encoding: 'buffer' | 'latin1') => Buffer | string;
const oneShot: OneShot | undefined = typeof crypto.hash === 'function' ? (crypto.hash as OneShot) : undefined;

export function sha256(data: Uint8Array): Buffer {
  return oneShot ? (oneShot('sha256', data, 'buffer') as Buffer) : crypto.createHash('sha256').update(data).digest();
}

/**
 * SHA-256 as a 32-character string holding one byte per character (latin1). Such a string lives
 * on the JavaScript heap, while each Buffer result gets a backing store of its own: for inputs
 * this small, allocating that store costs more than the hashing, and verification hashes two
 * inputs per event.
 */
export function sha256Latin1(data: Uint8Array): string {
  return oneShot
    ? (oneShot('sha256', data, 'latin1') as string)
    : crypto.createHash('sha256').update(data).digest('binary');
}

/** True when the latin1 hash equals bytes[at, at + 32). */
export function latin1HashEquals(hash: string, bytes: Uint8Array, at: number): boolean {
  if (hash.length !== 32 || at + 32 > bytes.length) return false;
  for (let i = 0; i < 32; i++) if (hash.charCodeAt(i) !== bytes[at + i]) return false;
  return true;
}

/**
 * A reusable scratch buffer for building one preimage at a time. Hashing is synchronous, so a
 * buffer filled and hashed without an await in between is never shared.
 */
export class Preimage {
  private bytes: Buffer;
  /** The first 65 bytes: the preimage of a tree node. */
  private pair: Uint8Array;

  constructor(initialSize: number) {
    this.bytes = Buffer.allocUnsafe(Math.max(initialSize, 65));
    this.pair = new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, 65);
  }

  /** SHA-256(prefix || source[start, end)). */
  hashPrefixed(prefix: number, source: Uint8Array, start = 0, end = source.length): Buffer {
    return sha256(this.prefixed(prefix, source, start, end));
  }

  /** SHA-256(prefix || source[start, end)) as a latin1 string (see sha256Latin1). */
  hashPrefixedLatin1(prefix: number, source: Uint8Array, start: number, end: number): string {
    return sha256Latin1(this.prefixed(prefix, source, start, end));
  }

  /** SHA-256(prefix || left || right) for two 32-byte hashes. */
  hashPair(prefix: number, left: Uint8Array, right: Uint8Array): Buffer {
    this.bytes[0] = prefix;
    this.bytes.set(left, 1);
    this.bytes.set(right, 1 + left.length);
    return sha256(this.bytes.subarray(0, 1 + left.length + right.length));
  }

  /** SHA-256(prefix || left || right) for two latin1 hashes of 32 bytes, as a latin1 string. */
  hashPairLatin1(prefix: number, left: string, right: string): string {
    const bytes = this.bytes;
    bytes[0] = prefix;
    for (let i = 0; i < 32; i++) {
      bytes[1 + i] = left.charCodeAt(i);
      bytes[33 + i] = right.charCodeAt(i);
    }
    return sha256Latin1(this.pair);
  }

  // Plain Uint8Array views: cheaper to make than Buffer ones, and enough for copying and hashing.
  private prefixed(prefix: number, source: Uint8Array, start: number, end: number): Uint8Array {
    const length = end - start + 1;
    if (length > this.bytes.length) {
      this.bytes = Buffer.allocUnsafe(Math.max(length, 2 * this.bytes.length));
      this.pair = new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, 65);
    }
    this.bytes[0] = prefix;
    this.bytes.set(new Uint8Array(source.buffer, source.byteOffset + start, end - start), 1);
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, length);
  }
}
