import { Ed25519KeyRing, exportSeed } from './ed25519KeyRing';
import { parseTrustedKeys } from './publicKeys';
import { SigningKeyError } from './signingKeys';

describe('parseTrustedKeys', () => {
  const entry = Ed25519KeyRing.generate('k1', new Date('2026-01-01T00:00:00Z'));
  const ring = new Ed25519KeyRing([entry]);
  const seed = exportSeed(entry.privateKey);

  it('takes exported public keys as they are', () => {
    expect(parseTrustedKeys(JSON.stringify(ring.publicKeys()))).toEqual(ring.publicKeys());
  });

  it('takes a signing-key file (the generated .data/signing-keys.json) and derives its public keys', () => {
    const file = JSON.stringify([{ keyId: 'k1', d: seed, notBefore: '2026-01-01T00:00:00Z', notAfter: null }]);
    expect(parseTrustedKeys(file)).toEqual(ring.publicKeys());
  });

  it('names a malformed key once, with its code apart from the message and no key material', () => {
    let caught: unknown;
    try {
      parseTrustedKeys(JSON.stringify([{ keyId: 'k1', publicKey: seed }]));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SigningKeyError);
    const { code, message } = caught as SigningKeyError;
    expect(code).toBe('LEDGER_SIGNING.BAD_CONFIG');
    expect(message).toBe(
      'public key 0 is malformed: expected keyId, algorithm Ed25519, publicKey, notBefore, notAfter; ' +
        'or a signing-key file: keyId, d, notBefore',
    );
    expect(message).not.toContain('LEDGER_SIGNING');
    expect(message).not.toContain(seed);
  });
});
