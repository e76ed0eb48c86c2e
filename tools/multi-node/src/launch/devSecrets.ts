import { randomBytes } from 'node:crypto';
import { Ed25519KeyRing, exportSeed, SIGNING_KEYS_VARIABLE } from '@ledger/ledger';

/**
 * Fresh development secrets for every service of one multi-node stack, as environment
 * variables: one master key, one signing key and one token secret that all four share.
 */
export function devSecrets(): Record<string, string> {
  const signing = Ed25519KeyRing.generate('dev-1');
  return {
    LEDGER_MASTER_KEYS: `dev-1:${randomBytes(32).toString('base64')}`,
    [SIGNING_KEYS_VARIABLE]: JSON.stringify([
      {
        keyId: signing.keyId,
        d: exportSeed(signing.privateKey),
        notBefore: signing.notBefore.toISOString(),
        notAfter: null,
      },
    ]),
    LEDGER_DEV_TOKEN_SECRET: randomBytes(32).toString('base64'),
  };
}
