import { generateKeyPairSync, sign } from 'node:crypto';
import { Ed25519KeyRing, exportSeed, parseSigningKeys, SIGNING_KEYS_VARIABLE } from './ed25519KeyRing';
import { loadTrustedKeys, parsePublicKeys, PUBLIC_KEYS_VARIABLE } from './publicKeys';
import { treeHeadSigningBytes, type TreeHead } from './treeHead';
import { checkTreeHeadSignature } from './verifyTreeHead';

const at = (iso: string) => new Date(iso);

describe('Ed25519KeyRing', () => {
  const old = Ed25519KeyRing.generate('k-2026-01', at('2026-01-01T00:00:00Z'), at('2026-07-01T00:00:00Z'));
  const current = Ed25519KeyRing.generate('k-2026-06', at('2026-06-01T00:00:00Z'));
  const ring = new Ed25519KeyRing([old, current]);

  it('signs with the key that became valid last, among those valid at the time (rotation)', () => {
    expect(ring.signingKey(at('2026-03-01T00:00:00Z')).keyId).toBe('k-2026-01');
    expect(ring.signingKey(at('2026-06-15T00:00:00Z')).keyId).toBe('k-2026-06');
    expect(ring.signingKey(at('2027-01-01T00:00:00Z')).keyId).toBe('k-2026-06');
  });

  it('refuses to sign when no key is valid', () => {
    expect(() => ring.signingKey(at('2025-12-31T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'LEDGER_SIGNING.NO_VALID_KEY' }),
    );
  });

  it('exports every public key, retired ones too, with validity periods', () => {
    const keys = ring.publicKeys();
    expect(keys.map((k) => [k.keyId, k.algorithm, k.notBefore, k.notAfter])).toEqual([
      ['k-2026-01', 'Ed25519', '2026-01-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'],
      ['k-2026-06', 'Ed25519', '2026-06-01T00:00:00.000Z', null],
    ]);
    expect(keys.every((k) => Buffer.from(k.publicKey, 'base64url').length === 32)).toBe(true);
  });

  it('loads keys from the environment and signs as the generated key would', () => {
    const env = {
      [SIGNING_KEYS_VARIABLE]: JSON.stringify([
        { keyId: 'k-env', d: exportSeed(current.privateKey), notBefore: '2026-06-01T00:00:00Z', notAfter: null },
      ]),
    };
    const loaded = Ed25519KeyRing.fromEnv(env);
    expect(loaded.publicKeys()[0].publicKey).toBe(ring.publicKeys()[1].publicKey);
  });

  it('rejects bad configuration without echoing key material', () => {
    expect(() => Ed25519KeyRing.fromEnv({})).toThrow(/LEDGER_SIGNING_KEYS is not set/);
    expect(() => parseSigningKeys('not json')).toThrow(/not valid JSON/);
    const secret = Buffer.alloc(31, 7).toString('base64url');
    let message = '';
    try {
      parseSigningKeys(JSON.stringify([{ keyId: 'k', d: secret, notBefore: '2026-01-01T00:00:00Z' }]));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/not an Ed25519 private key/);
    expect(message).not.toContain(secret);
    const { privateKey } = generateKeyPairSync('ed25519');
    const entry = { keyId: 'dup', privateKey, notBefore: new Date(0), notAfter: null };
    expect(() => new Ed25519KeyRing([entry, entry])).toThrow(/unique/);
  });
});

describe('tree head signatures', () => {
  const entry = Ed25519KeyRing.generate('k1', at('2026-01-01T00:00:00Z'), at('2026-06-01T00:00:00Z'));
  const ring = new Ed25519KeyRing([entry]);
  const head: TreeHead = {
    orgId: 'org-1',
    treeSize: 42,
    rootHash: 'ab'.repeat(32),
    timestamp: '2026-03-01T12:00:00.000Z',
    keyId: 'k1',
  };
  const signed = {
    ...head,
    signature: Buffer.from(ring.signingKey(at(head.timestamp)).sign(treeHeadSigningBytes(head))).toString('hex'),
  };

  it('signs exactly the RFC 8785 JSON documented in TREE_HEADS.md', () => {
    expect(treeHeadSigningBytes(head).toString('utf8')).toBe(
      `{"keyId":"k1","kind":"ledger.tree-head","orgId":"org-1","rootHash":"${'ab'.repeat(32)}",` +
        `"timestamp":"2026-03-01T12:00:00.000Z","treeSize":42,"v":1}`,
    );
  });

  it('accepts a genuine head and names what is wrong with a forged one', () => {
    const keys = ring.publicKeys();
    expect(checkTreeHeadSignature(signed, keys)).toBeNull();
    expect(checkTreeHeadSignature({ ...signed, treeSize: 43 }, keys)).toBe('bad_signature');
    expect(checkTreeHeadSignature({ ...signed, rootHash: 'cd'.repeat(32) }, keys)).toBe('bad_signature');
    expect(checkTreeHeadSignature({ ...signed, keyId: 'k9' }, keys)).toBe('unknown_key');
    expect(checkTreeHeadSignature({ ...signed, signature: '00' }, keys)).toBe('bad_signature');
  });

  it('refuses a head timestamped outside its key validity', () => {
    const late = { ...head, timestamp: '2026-07-01T00:00:00.000Z' };
    // Signed directly with the private key: the ring itself would refuse to sign at that time.
    const signature = sign(null, treeHeadSigningBytes(late), entry.privateKey).toString('hex');
    expect(checkTreeHeadSignature({ ...late, signature }, ring.publicKeys())).toBe('outside_key_validity');
  });
});

describe('trusted public keys', () => {
  const ring = new Ed25519KeyRing([Ed25519KeyRing.generate('k1')]);

  it('round-trips the exported public keys through LEDGER_SIGNING_PUBLIC_KEYS', async () => {
    const env = { [PUBLIC_KEYS_VARIABLE]: JSON.stringify(ring.publicKeys()) };
    expect(await loadTrustedKeys(undefined, env)).toEqual(ring.publicKeys());
  });

  it('falls back to the public halves of the signing keys, and refuses to guess without any', async () => {
    const env = {
      [SIGNING_KEYS_VARIABLE]: JSON.stringify([
        { keyId: 'k2', d: Buffer.alloc(32, 1).toString('base64url'), notBefore: '2026-01-01T00:00:00Z' },
      ]),
    };
    expect((await loadTrustedKeys(undefined, env)).map((k) => k.keyId)).toEqual(['k2']);
    await expect(loadTrustedKeys(undefined, {})).rejects.toThrow(/no trusted keys/);
    expect(() => parsePublicKeys('[{"keyId":"k","algorithm":"RSA"}]')).toThrow(/malformed/);
  });
});
