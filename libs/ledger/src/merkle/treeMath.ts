import { MerkleError } from './merkleError';

/*
 * Integer arithmetic on tree sizes and leaf indexes.
 *
 * JavaScript bitwise operators truncate to 32 bits, and a log may outgrow 2^31 leaves, so every
 * shift and bit test here is done with exact floating-point arithmetic instead: any safe integer
 * (below 2^53) divided by a power of two and floored is exact.
 */

/** Throws unless `value` is a safe non-negative integer; `name` is used in the message. */
export function requireCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new MerkleError('MERKLE.INVALID_ARGUMENT', `${name} must be a non-negative safe integer, got ${value}`, {
      [name]: String(value),
    });
  }
}

/** floor(x / 2^bits), i.e. x >> bits without the 32-bit truncation. */
export function shiftRight(x: number, bits: number): number {
  return Math.floor(x / 2 ** bits);
}

/** True when the least significant bit of x is set. */
export function isOdd(x: number): boolean {
  return x % 2 === 1;
}

/** Number of bits needed to write x: 0 for 0, 1 for 1, 3 for 4..7. */
export function bitLength(x: number): number {
  let bits = 0;
  for (let rest = x; rest > 0; rest = shiftRight(rest, 1)) bits++;
  return bits;
}

/** Number of set bits of x. */
export function popCount(x: number): number {
  let count = 0;
  for (let rest = x; rest > 0; rest = shiftRight(rest, 1)) if (isOdd(rest)) count++;
  return count;
}

/** Number of trailing zero bits of x, for x > 0. */
export function trailingZeros(x: number): number {
  let zeros = 0;
  for (let rest = x; rest > 0 && !isOdd(rest); rest = shiftRight(rest, 1)) zeros++;
  return zeros;
}

/** bitLength(a XOR b): one more than the highest bit where a and b differ, 0 when equal. */
export function xorBitLength(a: number, b: number): number {
  let length = 0;
  for (let bit = 0, x = a, y = b; x > 0 || y > 0; bit++, x = shiftRight(x, 1), y = shiftRight(y, 1)) {
    if (isOdd(x) !== isOdd(y)) length = bit + 1;
  }
  return length;
}

/** True for 1, 2, 4, 8, ... */
export function isPowerOfTwo(x: number): boolean {
  return x > 0 && popCount(x) === 1;
}

/** The largest power of two that is <= x, for x >= 1. */
export function largestPowerOfTwoAtMost(x: number): number {
  return 2 ** (bitLength(x) - 1);
}

/** RFC 6962's split point k: the largest power of two strictly smaller than x, for x >= 2. */
export function largestPowerOfTwoBelow(x: number): number {
  return largestPowerOfTwoAtMost(x - 1);
}
