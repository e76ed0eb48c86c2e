import { randomBytes } from 'node:crypto';
import { LocalKeyProvider } from './keyProvider';
import { decryptPersonal, encryptPersonal, personalMac } from './personalCipher';

describe('LocalKeyProvider', () => {
  const first = randomBytes(32);
  const second = randomBytes(32);

  it('wraps with the active key and unwraps with the key the wrapping names', async () => {
    const provider = new LocalKeyProvider({ k1: first, k2: second });
    const dataKey = randomBytes(32);
    const { keyId, wrapped } = await provider.wrap(dataKey);
    expect(keyId).toBe('k1');
    expect(wrapped.includes(dataKey)).toBe(false);
    expect((await provider.unwrap(keyId, wrapped)).equals(dataKey)).toBe(true);
  });

  it('keeps unwrapping old data keys after the active key rotates', async () => {
    const before = new LocalKeyProvider({ k1: first });
    const dataKey = randomBytes(32);
    const { keyId, wrapped } = await before.wrap(dataKey);
    const rotated = new LocalKeyProvider({ k2: second, k1: first }, 'k2');
    expect((await rotated.wrap(randomBytes(32))).keyId).toBe('k2');
    expect((await rotated.unwrap(keyId, wrapped)).equals(dataKey)).toBe(true);
  });

  it('refuses a tampered wrapping, an unknown key id and keys of the wrong size', async () => {
    const provider = new LocalKeyProvider({ k1: first });
    const { wrapped } = await provider.wrap(randomBytes(32));
    wrapped[wrapped.length - 1] ^= 1;
    await expect(provider.unwrap('k1', wrapped)).rejects.toThrow();
    await expect(provider.unwrap('k9', wrapped)).rejects.toThrow(/k9 is not configured/);
    expect(() => new LocalKeyProvider({ short: randomBytes(16) })).toThrow(/32 bytes/);
  });

  it('reads id:base64 pairs from the environment, the first being active', () => {
    const provider = LocalKeyProvider.fromEnv(`a:${first.toString('base64')},b:${second.toString('base64')}`);
    expect(provider.activeKeyId).toBe('a');
    expect(() => LocalKeyProvider.fromEnv(undefined)).toThrow(/LEDGER_MASTER_KEYS is not set/);
  });
});

describe('personal cipher', () => {
  const key = randomBytes(32);
  const eventId = '3f0c8a1e-2b4d-4e6f-8a9b-0c1d2e3f4a5b';

  it('round-trips, with a fresh IV each time', () => {
    const a = encryptPersonal(key, eventId, '{"name":"Canary"}');
    const b = encryptPersonal(key, eventId, '{"name":"Canary"}');
    expect(a.ct).not.toBe(b.ct);
    expect(decryptPersonal(key, eventId, a)).toEqual({ name: 'Canary' });
  });

  it('fails on another key, another event id or a changed ciphertext', () => {
    const sealed = encryptPersonal(key, eventId, '{"name":"Canary"}');
    expect(() => decryptPersonal(randomBytes(32), eventId, sealed)).toThrow();
    expect(() => decryptPersonal(key, 'other-event', sealed)).toThrow();
    const ct = Buffer.from(sealed.ct, 'base64');
    ct[0] ^= 1;
    expect(() => decryptPersonal(key, eventId, { ...sealed, ct: ct.toString('base64') })).toThrow();
  });

  it('gives a keyed digest that differs by key', () => {
    expect(personalMac(key, 'x')).toBe(personalMac(key, 'x'));
    expect(personalMac(key, 'x')).not.toBe(personalMac(randomBytes(32), 'x'));
  });
});
