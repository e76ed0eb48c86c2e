import { leafHash, sameHash } from './hasher';
import { MemoryHashStore } from './memoryHashStore';
import { asyncErrorCode, errorCode } from './testing/errorCode';

const hashOf = (byte: number) => leafHash(Uint8Array.of(byte));

describe('MemoryHashStore', () => {
  it('reads back written hashes in the order asked, repeats included, one call per batch', async () => {
    const store = new MemoryHashStore();
    store.writeHashes([
      { level: 0, index: 0, hash: hashOf(0) },
      { level: 0, index: 1, hash: hashOf(1) },
    ]);
    const hashes = await store.readHashes([
      { level: 0, index: 1 },
      { level: 0, index: 0 },
      { level: 0, index: 1 },
    ]);
    expect(hashes.map((hash, position) => sameHash(hash, hashOf([1, 0, 1][position])))).toEqual([true, true, true]);
    expect(store.readCount).toBe(1);
    expect(store.size).toBe(2);
  });

  it('copies hashes in and out, so callers cannot alter what is stored', async () => {
    const store = new MemoryHashStore();
    const hash = hashOf(7);
    store.writeHashes([{ level: 0, index: 0, hash }]);
    hash[0] ^= 1;
    const [read] = await store.readHashes([{ level: 0, index: 0 }]);
    read[1] ^= 1;
    expect(sameHash(store.nodes()[0].hash, hashOf(7))).toBe(true);
  });

  it('is append-only: the same hash again is a no-op, a different one a conflict', () => {
    const store = new MemoryHashStore();
    store.writeHashes([{ level: 1, index: 3, hash: hashOf(1) }]);
    store.writeHashes([{ level: 1, index: 3, hash: hashOf(1) }]);
    expect(errorCode(() => store.writeHashes([{ level: 1, index: 3, hash: hashOf(2) }]))).toBe('MERKLE.HASH_CONFLICT');
    expect(store.nodes()).toHaveLength(1);
  });

  it('rejects bad addresses and hashes, and reports missing nodes', async () => {
    const store = new MemoryHashStore();
    expect(errorCode(() => store.writeHashes([{ level: -1, index: 0, hash: hashOf(0) }]))).toBe(
      'MERKLE.INVALID_ARGUMENT',
    );
    expect(errorCode(() => store.writeHashes([{ level: 60, index: 0, hash: hashOf(0) }]))).toBe(
      'MERKLE.INVALID_ARGUMENT',
    );
    expect(errorCode(() => store.writeHashes([{ level: 0, index: 0, hash: new Uint8Array(8) }]))).toBe(
      'MERKLE.BAD_HASH_SIZE',
    );
    expect(await asyncErrorCode(store.readHashes([{ level: 2, index: 5 }]))).toBe('MERKLE.MISSING_HASH');
    await expect(store.readHashes([{ level: 2, index: 5 }])).rejects.toThrow('no hash stored at 2/5');
  });

  it('lists nodes by level then index', () => {
    const store = new MemoryHashStore();
    store.writeHashes([
      { level: 1, index: 0, hash: hashOf(3) },
      { level: 0, index: 1, hash: hashOf(2) },
      { level: 0, index: 0, hash: hashOf(1) },
    ]);
    expect(store.nodes().map(({ level, index }) => `${level}/${index}`)).toEqual(['0/0', '0/1', '1/0']);
  });
});
