import { base64UrlBytes, hexBytes, utf8Bytes } from './bytes';
import type { VerifierCrypto } from './platform';

/** A public key as the ledger exports it (public-keys.json). */
export interface PublicKey {
  keyId: string;
  algorithm: string;
  /** Raw 32-byte Ed25519 key, base64url. */
  publicKey: string;
  notBefore: string;
  notAfter: string | null;
}

export interface TreeHead {
  orgId: string;
  treeSize: number;
  rootHash: string;
  timestamp: string;
  keyId: string;
  signature: string;
}

/**
 * Checks an Ed25519 signature by `keyId` over `bytes`, made at `at`: the key must be known, be
 * Ed25519 and be valid at that time. Returns a problem description, or null when it verifies.
 */
export async function checkSignature(
  crypto: VerifierCrypto,
  keys: readonly PublicKey[],
  keyId: string,
  at: string,
  bytes: Uint8Array,
  signatureHex: string,
): Promise<string | null> {
  const key = keys.find((candidate) => candidate?.keyId === keyId);
  if (!key || key.algorithm !== 'Ed25519') return `key ${keyId} is not a trusted Ed25519 key`;
  const time = Date.parse(at);
  const valid = Date.parse(key.notBefore) <= time && (key.notAfter === null || time < Date.parse(key.notAfter));
  if (!valid) return `key ${keyId} was not valid at ${at}`;
  const publicKey = base64UrlBytes(key.publicKey);
  if (publicKey === null || publicKey.length !== 32) return `key ${keyId} is malformed`;
  const signature = hexBytes(signatureHex);
  if (signature === null || signature.length !== 64) return 'signature does not verify';
  let verified: boolean;
  try {
    verified = await crypto.verifyEd25519(publicKey, signature, bytes);
  } catch {
    return `key ${keyId} is malformed`;
  }
  return verified ? null : 'signature does not verify';
}

/**
 * The bytes a tree head's signature covers: RFC 8785 JSON of its fields plus kind and v. Every
 * member is an ASCII-keyed string or integer, for which JSON.stringify with the keys in code
 * point order is exactly RFC 8785.
 */
export function treeHeadBytes(head: TreeHead): Uint8Array {
  const signed: Record<string, string | number> = {
    keyId: head.keyId,
    kind: 'ledger.tree-head',
    orgId: head.orgId,
    rootHash: head.rootHash,
    timestamp: head.timestamp,
    treeSize: head.treeSize,
    v: 1,
  };
  return utf8Bytes(JSON.stringify(signed, Object.keys(signed).sort()));
}
