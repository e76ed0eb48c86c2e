import { base64UrlBytes } from './bytes';
import type { PublicKey } from './signatures';

interface KeyEntry {
  keyId?: unknown;
  algorithm?: unknown;
  publicKey?: unknown;
  d?: unknown;
  notBefore?: unknown;
  notAfter?: unknown;
}

/** Derives the base64url public key of a base64url Ed25519 private seed; null when it is not one. */
export type SeedDeriver = (d: string) => string | null;

/**
 * The keys a key file lists: a JSON array either of public keys (public-keys.json of a bundle,
 * or the operator's published list) or, where `derive` is given, of signing keys as the ledger
 * is configured with them (`{keyId, d, notBefore, notAfter}`). Returns the keys, or what is
 * wrong with the file; messages never echo key material.
 */
export function parseKeyList(text: string, derive?: SeedDeriver): PublicKey[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'it is not JSON';
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return 'it is not a JSON array of keys';
  const keys: PublicKey[] = [];
  for (const [position, item] of parsed.entries()) {
    const key = toPublicKey(item, derive);
    if (typeof key === 'string') return `key ${position} ${key}`;
    keys.push(key);
  }
  return keys;
}

/** The public key an entry describes, or what is wrong with it. */
function toPublicKey(item: unknown, derive?: SeedDeriver): PublicKey | string {
  if (typeof item !== 'object' || item === null) return 'is not an object';
  const entry = item as KeyEntry;
  if (typeof entry.keyId !== 'string' || entry.keyId === '') return 'has no keyId';
  if (entry.algorithm !== undefined && entry.algorithm !== 'Ed25519') return 'is not an Ed25519 key';
  let publicKey: string;
  if (typeof entry.publicKey === 'string') {
    if (base64UrlBytes(entry.publicKey)?.length !== 32) return 'has a publicKey that is not 32 bytes';
    publicKey = entry.publicKey;
  } else if (typeof entry.d === 'string') {
    if (derive === undefined) return 'is a private signing key: use the public keys';
    const derived = derive(entry.d);
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
