import { createPublicKey, verify } from 'node:crypto';
import type { PublicSigningKey } from './signingKeys';
import { treeHeadSigningBytes, type SignedTreeHead } from './treeHead';

/** Why a signed tree head is not acceptable, or null when it is. */
export type TreeHeadProblem = 'unknown_key' | 'outside_key_validity' | 'bad_signature' | null;

/**
 * Checks a head's Ed25519 signature against the trusted public keys, and that the key was valid
 * at the head's timestamp (a retired key cannot vouch for new heads).
 */
export function checkTreeHeadSignature(head: SignedTreeHead, keys: readonly PublicSigningKey[]): TreeHeadProblem {
  const key = keys.find((candidate) => candidate.keyId === head.keyId);
  if (!key) return 'unknown_key';
  const at = Date.parse(head.timestamp);
  const valid = Date.parse(key.notBefore) <= at && (key.notAfter === null || at < Date.parse(key.notAfter));
  if (!valid) return 'outside_key_validity';
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey }, format: 'jwk' });
  const signature = Buffer.from(head.signature, 'hex');
  if (signature.length !== 64) return 'bad_signature';
  return verify(null, treeHeadSigningBytes(head), publicKey, signature) ? null : 'bad_signature';
}
