import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import type { TokenVerifierOptions } from './tokenVerifier';

/** What an OIDC identity provider's tokens are checked against. */
export interface JwksSettings {
  /** The provider's `jwks_uri`. */
  jwksUrl: URL;
  issuer: string;
  audience: string;
  /** Asymmetric algorithms only: a key set publishes public keys. */
  algorithms: string[];
  clockToleranceSeconds: number;
  maxLifetimeSeconds: number;
  /**
   * How long a fetched key set is used before it is fetched again: the longest a key removed
   * from the set is still accepted.
   */
  cacheMaxAgeSeconds: number;
  /**
   * The least time between two fetches. A token signed by a key not in the cached set (a
   * provider that just rotated) triggers a fetch; the cool-down keeps tokens with made-up key
   * ids from turning every request into one.
   */
  cooldownSeconds: number;
  /** How long one fetch of the key set may take. */
  timeoutMs: number;
}

/** Asymmetric JWS algorithms; `none` and the HMAC family never verify a provider's token. */
export const JWKS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

/**
 * The provider's key set could not be fetched (unreachable, timed out, not 200, not a key set):
 * no token can be checked, and that is the service's fault, not the client's (503).
 */
export class KeySetUnavailableError extends Error {
  readonly code = 'TENANCY.KEY_SET_UNAVAILABLE';
  readonly status = 503;

  constructor(cause: unknown) {
    super('the identity provider key set is unavailable', { cause });
    this.name = 'KeySetUnavailableError';
  }
}

/** Errors of the key set lookup that are the token's: it names no published key, or an unusable one. */
function isTokensFault(error: unknown): boolean {
  return (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JOSENotSupported ||
    error instanceof errors.JOSEAlgNotAllowed
  );
}

/** The key set lookup, with a failure to fetch the set told apart from a token it does not verify. */
function distinguishingUnavailable(keySet: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await keySet(header, token);
    } catch (error) {
      if (isTokensFault(error)) throw error;
      throw new KeySetUnavailableError(error);
    }
  };
}

/**
 * A verifier over the provider's remote key set (jose's `createRemoteJWKSet`): keys are cached,
 * a token naming a key id the cache lacks fetches the set again (so a rotation is followed
 * without a restart), and a key the provider removed stops verifying once the cache expires.
 * When the set cannot be fetched, verification fails with `KeySetUnavailableError`.
 */
export function jwksVerifierOptions(settings: JwksSettings): TokenVerifierOptions {
  const keySet = createRemoteJWKSet(settings.jwksUrl, {
    cacheMaxAge: settings.cacheMaxAgeSeconds * 1000,
    cooldownDuration: settings.cooldownSeconds * 1000,
    timeoutDuration: settings.timeoutMs,
  });
  return {
    issuer: settings.issuer,
    audience: settings.audience,
    key: distinguishingUnavailable(keySet),
    algorithms: [...settings.algorithms],
    clockToleranceSeconds: settings.clockToleranceSeconds,
    maxLifetimeSeconds: settings.maxLifetimeSeconds,
  };
}
