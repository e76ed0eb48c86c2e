import { createHash, randomBytes } from 'node:crypto';
import { latin1HashEquals, Preimage, sha256, sha256Latin1 } from './sha256';

const reference = (...parts: Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

describe('sha256 and Preimage', () => {
  it('hash as node:crypto does, as bytes or as a latin1 string', () => {
    const data = randomBytes(1000);
    expect(sha256(data)).toEqual(reference(data));
    expect(Buffer.from(sha256Latin1(data), 'latin1')).toEqual(reference(data));
  });

  it('hash a prefixed slice, growing past the initial size, and pairs of hashes', () => {
    const preimage = new Preimage(16);
    const source = randomBytes(200_000);
    expect(preimage.hashPrefixed(0, source, 10, 150_000)).toEqual(
      reference(Uint8Array.of(0), source.subarray(10, 150_000)),
    );
    expect(Buffer.from(preimage.hashPrefixedLatin1(0, source, 5, 700), 'latin1')).toEqual(
      reference(Uint8Array.of(0), source.subarray(5, 700)),
    );
    const [left, right] = [randomBytes(32), randomBytes(32)];
    expect(preimage.hashPair(1, left, right)).toEqual(reference(Uint8Array.of(1), left, right));
    expect(
      Buffer.from(preimage.hashPairLatin1(1, left.toString('latin1'), right.toString('latin1')), 'latin1'),
    ).toEqual(reference(Uint8Array.of(1), left, right));
  });

  it('compares a latin1 hash with bytes in place', () => {
    const hash = randomBytes(32);
    const bytes = Buffer.concat([randomBytes(7), hash]);
    expect(latin1HashEquals(hash.toString('latin1'), bytes, 7)).toBe(true);
    expect(latin1HashEquals(hash.toString('latin1'), bytes, 6)).toBe(false);
    expect(latin1HashEquals(hash.toString('latin1'), bytes, 8)).toBe(false);
  });
});
