import {
  bitLength,
  isOdd,
  isPowerOfTwo,
  largestPowerOfTwoAtMost,
  largestPowerOfTwoBelow,
  popCount,
  requireCount,
  shiftRight,
  trailingZeros,
  xorBitLength,
} from './treeMath';
import { errorCode } from './testing/errorCode';

// Values around the 32-bit boundary and up to the largest safe integer, where bitwise operators
// would silently truncate. BigInt gives the expected answers.
const SAMPLES = [
  0,
  1,
  2,
  3,
  5,
  8,
  255,
  256,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32 - 1,
  2 ** 32,
  2 ** 32 + 5,
  3 * 2 ** 40 + 7,
  2 ** 52 + 1,
  Number.MAX_SAFE_INTEGER,
];

const big = (x: number) => BigInt(x);
const bigBitLength = (x: bigint) => x.toString(2).replace(/^0+/, '').length;

describe('treeMath', () => {
  it('matches BigInt bit arithmetic beyond 32 bits', () => {
    for (const x of SAMPLES) {
      expect(bitLength(x)).toBe(bigBitLength(big(x)));
      expect(popCount(x)).toBe([...big(x).toString(2)].filter((bit) => bit === '1').length);
      expect(isOdd(x)).toBe((big(x) & 1n) === 1n);
      expect(isPowerOfTwo(x)).toBe(x > 0 && (big(x) & (big(x) - 1n)) === 0n);
      for (const bits of [0, 1, 7, 31, 32, 33, 52]) expect(big(shiftRight(x, bits))).toBe(big(x) >> BigInt(bits));
      for (const y of SAMPLES) expect(xorBitLength(x, y)).toBe(bigBitLength(big(x) ^ big(y)));
      if (x > 0) {
        expect(trailingZeros(x)).toBe(big(x).toString(2).length - big(x).toString(2).replace(/0+$/, '').length);
        expect(big(largestPowerOfTwoAtMost(x))).toBe(1n << BigInt(bigBitLength(big(x)) - 1));
      }
    }
  });

  it('splits like RFC 6962: the largest power of two strictly below n', () => {
    expect([2, 3, 4, 5, 8, 9, 2 ** 32 + 1].map(largestPowerOfTwoBelow)).toEqual([1, 2, 2, 4, 4, 8, 2 ** 32]);
  });

  it('accepts only non-negative safe integers as sizes and indexes', () => {
    expect(errorCode(() => requireCount('treeSize', 0))).toBe('none');
    expect(errorCode(() => requireCount('treeSize', Number.MAX_SAFE_INTEGER))).toBe('none');
    for (const bad of [-1, 1.5, Number.NaN, Infinity, 2 ** 53]) {
      expect(errorCode(() => requireCount('treeSize', bad))).toBe('MERKLE.INVALID_ARGUMENT');
    }
    expect(() => requireCount('index', -2)).toThrow('index must be a non-negative safe integer, got -2');
  });
});
