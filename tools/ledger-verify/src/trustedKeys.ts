import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { parseKeyList } from './core/keyList';
import type { PublicKey } from './core/signatures';
import { unreadable, Unverifiable } from './outcome';

/** RFC 8410 PKCS#8 prefix of an Ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

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
  const keys = parseKeyList(text, publicKeyOfSeed);
  if (typeof keys === 'string') throw badFile(keys);
  return keys;
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
