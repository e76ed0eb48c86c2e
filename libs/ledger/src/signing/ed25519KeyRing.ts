import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { SigningKeyError, type PublicSigningKey, type SigningKey, type SigningKeyProvider } from './signingKeys';

/** One configured key: a private Ed25519 key and when it may sign. */
export interface KeyRingEntry {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly notBefore: Date;
  readonly notAfter: Date | null;
}

/** Environment variable holding the production signing keys (see parseSigningKeys). */
export const SIGNING_KEYS_VARIABLE = 'LEDGER_SIGNING_KEYS';

/** Ed25519 signing keys held in memory (node:crypto), with validity periods for rotation. */
export class Ed25519KeyRing implements SigningKeyProvider {
  private readonly entries: readonly KeyRingEntry[];

  constructor(entries: readonly KeyRingEntry[]) {
    const ids = new Set(entries.map((entry) => entry.keyId));
    if (ids.size !== entries.length) throw new SigningKeyError('LEDGER_SIGNING.BAD_CONFIG', 'key ids must be unique');
    for (const entry of entries) {
      if (entry.privateKey.asymmetricKeyType !== 'ed25519') {
        throw new SigningKeyError('LEDGER_SIGNING.BAD_CONFIG', `key ${entry.keyId} is not an Ed25519 private key`);
      }
    }
    this.entries = [...entries];
  }

  /** A fresh key valid from `notBefore`; for tests and local runs, never for production. */
  static generate(keyId: string, notBefore = new Date(0), notAfter: Date | null = null): KeyRingEntry {
    const { privateKey } = generateKeyPairSync('ed25519');
    return { keyId, privateKey, notBefore, notAfter };
  }

  /** Reads the keys from LEDGER_SIGNING_KEYS (see parseSigningKeys). */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): Ed25519KeyRing {
    const text = env[SIGNING_KEYS_VARIABLE];
    if (!text) throw new SigningKeyError('LEDGER_SIGNING.BAD_CONFIG', `${SIGNING_KEYS_VARIABLE} is not set`);
    return new Ed25519KeyRing(parseSigningKeys(text));
  }

  /** Of the keys valid at `at`, the one that became valid last: a new key takes over on its start. */
  signingKey(at: Date): SigningKey {
    const valid = this.entries
      .filter((entry) => isValidAt(entry, at))
      .sort((a, b) => b.notBefore.getTime() - a.notBefore.getTime());
    if (valid.length === 0) {
      throw new SigningKeyError('LEDGER_SIGNING.NO_VALID_KEY', `no signing key is valid at ${at.toISOString()}`);
    }
    const { keyId, privateKey } = valid[0];
    return { keyId, sign: (bytes) => sign(null, bytes, privateKey) };
  }

  publicKeys(): PublicSigningKey[] {
    return this.entries.map((entry) => ({
      keyId: entry.keyId,
      algorithm: 'Ed25519',
      publicKey: String(createPublicKey(entry.privateKey).export({ format: 'jwk' }).x),
      notBefore: entry.notBefore.toISOString(),
      notAfter: entry.notAfter?.toISOString() ?? null,
    }));
  }
}

function isValidAt(entry: KeyRingEntry, at: Date): boolean {
  return entry.notBefore <= at && (entry.notAfter === null || at < entry.notAfter);
}

interface ConfiguredKey {
  keyId?: unknown;
  /** Base64url private scalar (`d` of the key's JWK). */
  d?: unknown;
  notBefore?: unknown;
  notAfter?: unknown;
}

/**
 * Parses `[{"keyId":"2026-11","d":"<base64url>","notBefore":"2026-11-01T00:00:00Z","notAfter":null}]`:
 * the private key is the 32-byte Ed25519 seed (the JWK `d`), as a secret manager would hold it.
 * Errors never echo the key material.
 */
export function parseSigningKeys(text: string): KeyRingEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SigningKeyError('LEDGER_SIGNING.BAD_CONFIG', `${SIGNING_KEYS_VARIABLE} is not valid JSON`);
  }
  if (!Array.isArray(parsed)) throw new SigningKeyError('LEDGER_SIGNING.BAD_CONFIG', 'expected a JSON array of keys');
  return parsed.map((item: ConfiguredKey, position) => toEntry(item, position));
}

function toEntry(item: ConfiguredKey, position: number): KeyRingEntry {
  const bad = (why: string) => new SigningKeyError('LEDGER_SIGNING.BAD_CONFIG', `key ${position}: ${why}`);
  if (typeof item.keyId !== 'string' || item.keyId === '') throw bad('keyId must be a non-empty string');
  if (typeof item.d !== 'string') throw bad('d must be a base64url string');
  const notBefore = new Date(String(item.notBefore));
  const notAfter = item.notAfter === null || item.notAfter === undefined ? null : new Date(String(item.notAfter));
  if (Number.isNaN(notBefore.getTime()) || (notAfter && Number.isNaN(notAfter.getTime()))) {
    throw bad('notBefore and notAfter must be ISO 8601 times');
  }
  let privateKey: KeyObject;
  try {
    privateKey = privateKeyFromSeed(item.d);
  } catch {
    throw bad('d is not an Ed25519 private key');
  }
  return { keyId: item.keyId, privateKey, notBefore, notAfter };
}

/** RFC 8410 PKCS#8 prefix of an Ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The private key whose seed is `d` (base64url); a JWK import would also need the public `x`. */
function privateKeyFromSeed(d: string): KeyObject {
  const seed = Buffer.from(d, 'base64url');
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The JWK `d` of a private key: what LEDGER_SIGNING_KEYS holds; for provisioning keys. */
export function exportSeed(privateKey: KeyObject): string {
  return String(privateKey.export({ format: 'jwk' }).d);
}
