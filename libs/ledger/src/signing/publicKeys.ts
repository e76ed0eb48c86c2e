import { readFile } from 'node:fs/promises';
import { Ed25519KeyRing, parseSigningKeys, SIGNING_KEYS_VARIABLE } from './ed25519KeyRing';
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
    if (!ok) {
      throw new SigningKeyError(
        'LEDGER_SIGNING.BAD_CONFIG',
        `public key ${position} is malformed: expected keyId, algorithm Ed25519, publicKey, notBefore, notAfter`,
      );
    }
    return item as PublicSigningKey;
  });
}

/**
 * The public keys of a trusted-key file: exported public keys, or a signing-key file in the
 * LEDGER_SIGNING_KEYS format (what the local stack generates), whose public halves are derived.
 * A file of seeds never has its key material echoed in errors.
 */
export function parseTrustedKeys(text: string): PublicSigningKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SigningKeyError('LEDGER_SIGNING.BAD_CONFIG', 'the key file is not valid JSON');
  }
  const isSeed = (item: unknown) => typeof item === 'object' && item !== null && 'd' in item;
  if (Array.isArray(parsed) && parsed.length > 0 && parsed.every(isSeed)) {
    return new Ed25519KeyRing(parseSigningKeys(text)).publicKeys();
  }
  try {
    return parsePublicKeys(text);
  } catch (error) {
    if (!(error instanceof SigningKeyError)) throw error;
    throw new SigningKeyError(error.code, `${error.message}; or a signing-key file: keyId, d, notBefore`);
  }
}

/**
 * The keys a verifier trusts: a file if given (public keys or signing keys), else LEDGER_SIGNING_PUBLIC_KEYS, else the public
 * halves of LEDGER_SIGNING_KEYS. Never the database under verification.
 */
export async function loadTrustedKeys(
  file?: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PublicSigningKey[]> {
  if (file) return parseTrustedKeys(await readFile(file, 'utf8'));
  const published = env[PUBLIC_KEYS_VARIABLE];
  if (published) return parsePublicKeys(published);
  if (env[SIGNING_KEYS_VARIABLE]) return Ed25519KeyRing.fromEnv(env).publicKeys();
  throw new SigningKeyError(
    'LEDGER_SIGNING.BAD_CONFIG',
    `no trusted keys: pass --keys FILE or set ${PUBLIC_KEYS_VARIABLE} or ${SIGNING_KEYS_VARIABLE}`,
  );
}
