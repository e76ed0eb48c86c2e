import {
  Ed25519KeyRing,
  PUBLIC_KEYS_VARIABLE,
  SIGNING_KEYS_VARIABLE,
  parsePublicKeys,
  type PublicSigningKey,
  type SigningKeyProvider,
} from '@ledger/ledger';

/** Optional process-wide providers the process runtime may register (globally) for the audit module. */
export { CHECKPOINT_STORE, PROJECTION_DEFINITIONS, SIGNING_KEYS, TRUSTED_PUBLIC_KEYS } from '@ledger/host';

/**
 * The keys that sign tree heads and export manifests: LEDGER_SIGNING_KEYS (from the secret
 * manager). Without it, production refuses to start; development gets a key generated for this
 * process only, so heads it signs stop verifying after a restart: `onEphemeral` says so.
 */
export function signingKeysFromEnv(
  env: NodeJS.ProcessEnv,
  onEphemeral: () => void = () => undefined,
): SigningKeyProvider {
  if (env[SIGNING_KEYS_VARIABLE]) return Ed25519KeyRing.fromEnv(env);
  if (env.NODE_ENV === 'production') throw new Error(`${SIGNING_KEYS_VARIABLE} is required in production`);
  onEphemeral();
  return new Ed25519KeyRing([Ed25519KeyRing.generate(`ephemeral-${new Date().toISOString()}`)]);
}

/**
 * The keys verification trusts: LEDGER_SIGNING_PUBLIC_KEYS when published separately (it then
 * includes retired keys), else the public halves of the signing keys. Never the database's.
 */
export function trustedKeysFromEnv(env: NodeJS.ProcessEnv, signing: SigningKeyProvider): PublicSigningKey[] {
  const published = env[PUBLIC_KEYS_VARIABLE];
  return published ? parsePublicKeys(published) : signing.publicKeys();
}
