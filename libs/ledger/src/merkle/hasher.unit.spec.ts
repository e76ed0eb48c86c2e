import {
  HASH_SIZE,
  LEAF_HASH_PREFIX,
  NODE_HASH_PREFIX,
  emptyRoot,
  leafHash,
  nodeHash,
  requireHash,
  sameHash,
  toHex,
} from './hasher';
import { errorCode } from './testing/errorCode';
import { EMPTY_TREE_ROOT, VECTOR_LEAVES, VECTOR_ROOTS, fromHex } from './testing/referenceVectors';

describe('hasher', () => {
  it('names the RFC 6962 domain separation prefixes', () => {
    expect(LEAF_HASH_PREFIX).toBe(0x00);
    expect(NODE_HASH_PREFIX).toBe(0x01);
    expect(HASH_SIZE).toBe(32);
  });

  it('hashes the empty tree to SHA-256 of the empty string, a fresh copy each time', () => {
    const root = emptyRoot();
    expect(toHex(root)).toBe(EMPTY_TREE_ROOT);
    root[0] ^= 0xff;
    expect(toHex(emptyRoot())).toBe(EMPTY_TREE_ROOT);
  });

  it('hashes a leaf as SHA-256(0x00 || bytes): the one-leaf tree roots of the vectors', () => {
    expect(toHex(leafHash(fromHex(VECTOR_LEAVES[0])))).toBe(VECTOR_ROOTS[0]);
    expect(toHex(leafHash(new Uint8Array()))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(toHex(leafHash(fromHex('00')))).toBe('96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7');
  });

  it('hashes a node as SHA-256(0x01 || left || right): the two-leaf tree root of the vectors', () => {
    const left = leafHash(fromHex(VECTOR_LEAVES[0]));
    const right = leafHash(fromHex(VECTOR_LEAVES[1]));
    expect(toHex(nodeHash(left, right))).toBe(VECTOR_ROOTS[1]);
    expect(sameHash(nodeHash(left, right), nodeHash(right, left))).toBe(false);
  });

  it('keeps leaves and nodes apart: a node preimage hashed as a leaf gives another hash', () => {
    const left = leafHash(fromHex('00'));
    const right = leafHash(fromHex('10'));
    const asLeaf = leafHash(Uint8Array.from([...left, ...right]));
    expect(sameHash(asLeaf, nodeHash(left, right))).toBe(false);
  });

  it('rejects children that are not 32 bytes', () => {
    const good = leafHash(new Uint8Array());
    expect(errorCode(() => nodeHash(good, good.subarray(1)))).toBe('MERKLE.BAD_HASH_SIZE');
    expect(errorCode(() => nodeHash(new Uint8Array(33), good))).toBe('MERKLE.BAD_HASH_SIZE');
    expect(() => requireHash('root', new Uint8Array(3))).toThrow('root must be 32 bytes, got 3');
  });

  it('compares hashes by bytes and renders hex of views correctly', () => {
    const bytes = fromHex('00aabbcc');
    expect(toHex(bytes.subarray(1, 3))).toBe('aabb');
    expect(sameHash(fromHex('aabb'), bytes.subarray(1, 3))).toBe(true);
    expect(sameHash(fromHex('aabb'), fromHex('aabbcc'))).toBe(false);
  });
});
