import { readFile } from 'node:fs/promises';
import { Ed25519KeyRing, SIGNING_KEYS_VARIABLE } from './ed25519KeyRing';
import { SigningKeyError, type PublicSigningKey } from './signingKeys';

/** Environment variable holding the trusted public keys, as publicKeys() exports them. */
export const PUBLIC_KEYS_VARIABLE = 'LEDGER_SIGNING_PUBLIC_KEYS';

/** Parses a JSON array of exported public keys, checking each has the exported shape. */
export function parsePublicKeys(text: string): PublicSigningKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SigningKeyError('LEDGER_SIGNING.BAD_CONFIG', 'public keys are not valid JSON');
  }
  if (!Array.isArray(parsed)) throw new SigningKeyError('LEDGER_SIGNING.BAD_CONFIG', 'expected a JSON array of keys');
  return parsed.map((item: Partial<PublicSigningKey>, position) => {
    const ok =
      typeof item.keyId === 'string' &&
      item.algorithm === 'Ed25519' &&
      typeof item.publicKey === 'string' &&
      Buffer.from(item.publicKey, 'base64url').length === 32 &&
      typeof item.notBefore === 'string' &&
      (item.notAfter === null || typeof item.notAfter === 'string');
    if (!ok) throw new SigningKeyError('LEDGER_SIGNING.BAD_CONFIG', `public key ${position} is malformed`);
    return item as PublicSigningKey;
  });
}

/**
 * The keys a verifier trusts: a file if given, else LEDGER_SIGNING_PUBLIC_KEYS, else the public
 * halves of LEDGER_SIGNING_KEYS. Never the database under verification.
 */
export async function loadTrustedKeys(
  file?: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PublicSigningKey[]> {
  if (file) return parsePublicKeys(await readFile(file, 'utf8'));
  const published = env[PUBLIC_KEYS_VARIABLE];
  if (published) return parsePublicKeys(published);
  if (env[SIGNING_KEYS_VARIABLE]) return Ed25519KeyRing.fromEnv(env).publicKeys();
  throw new SigningKeyError(
    'LEDGER_SIGNING.BAD_CONFIG',
    `no trusted keys: pass --keys FILE or set ${PUBLIC_KEYS_VARIABLE} or ${SIGNING_KEYS_VARIABLE}`,
  );
}
