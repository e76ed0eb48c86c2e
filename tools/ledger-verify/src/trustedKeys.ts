import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { unreadable, Unverifiable } from './outcome';
import type { PublicKey } from './core/signatures';

/** RFC 8410 PKCS#8 prefix of an Ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

interface KeyEntry {
  keyId?: unknown;
  algorithm?: unknown;
  publicKey?: unknown;
  d?: unknown;
  notBefore?: unknown;
  notAfter?: unknown;
}

/**
 * Reads the keys to trust from `--keys`: a JSON array either of public keys (public-keys.json of
 * a bundle, or the operator's published list) or of signing keys as the ledger is configured
 * with them (LEDGER_SIGNING_KEYS, `.data/signing-keys.json`: `{keyId, d, notBefore, notAfter}`),
 * whose public halves are derived here. Messages never echo key material.
 */
export async function readTrustedKeys(path: string): Promise<PublicKey[]> {
  const badFile = (detail: string) => new Unverifiable('not-a-key-file', path, '--keys', `: ${detail}`);
  const info = await stat(path).catch((error: unknown) => {
    throw unreadable(error, path, '--keys');
  });
  if (!info.isFile()) throw badFile('it is not a file');
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw unreadable(error, path, '--keys');
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badFile('it is not JSON');
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw badFile('it is not a JSON array of keys');
  return parsed.map((item: unknown, position) => {
    const key = toPublicKey(item);
    if (typeof key === 'string') throw badFile(`key ${position} ${key}`);
    return key;
  });
}

/** The public key an entry describes, or what is wrong with it. */
function toPublicKey(item: unknown): PublicKey | string {
  if (typeof item !== 'object' || item === null) return 'is not an object';
  const entry = item as KeyEntry;
  if (typeof entry.keyId !== 'string' || entry.keyId === '') return 'has no keyId';
  if (entry.algorithm !== undefined && entry.algorithm !== 'Ed25519') return 'is not an Ed25519 key';
  let publicKey: string;
  if (typeof entry.publicKey === 'string') {
    if (Buffer.from(entry.publicKey, 'base64url').length !== 32) return 'has a publicKey that is not 32 bytes';
    publicKey = entry.publicKey;
  } else if (typeof entry.d === 'string') {
    const derived = publicKeyOfSeed(entry.d);
    if (derived === null) return 'has a d that is not an Ed25519 private seed';
    publicKey = derived;
  } else {
    return 'has neither a publicKey nor a private seed d';
  }
  if (!isTime(entry.notBefore)) return 'has no ISO 8601 notBefore';
  if (!(entry.notAfter === undefined || entry.notAfter === null || isTime(entry.notAfter))) {
    return 'has a notAfter that is not an ISO 8601 time';
  }
  return {
    keyId: entry.keyId,
    algorithm: 'Ed25519',
    publicKey,
    notBefore: entry.notBefore,
    notAfter: typeof entry.notAfter === 'string' ? entry.notAfter : null,
  };
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function publicKeyOfSeed(d: string): string | null {
  const seed = Buffer.from(d, 'base64url');
  if (seed.length !== 32) return null;
  try {
    const privateKey = createPrivateKey({
      key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
      format: 'der',
      type: 'pkcs8',
    });
    return String(createPublicKey(privateKey).export({ format: 'jwk' }).x);
  } catch {
    return null;
  }
}
