import { errors, jwtVerify, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { ORG_ID_PATTERN } from '@ledger/ledger';
import { isRole, type Principal } from '../principal';
import { TenancyError } from '../tenancyError';
import { KeySetUnavailableError } from './jwksVerifier';

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** A symmetric secret, a public key, or a key set resolver (JWKS). */
  key: Uint8Array | KeyLike | JWTVerifyGetKey;
  /** The only `alg` values accepted; anything else is refused before the signature is checked. */
  algorithms?: string[];
  clockToleranceSeconds?: number;
  /**
   * The longest lifetime a token may declare (`exp - iat`); with it, `iat` is required. A
   * leaked token is only as dangerous as it is long-lived, so an issuer's misconfiguration
   * (a token for 100 years) is refused rather than trusted.
   */
  maxLifetimeSeconds?: number;
}

const unauthenticated = (reason: string) => new TenancyError('TENANCY.UNAUTHENTICATED', reason);

/** Reads the bearer token of an `Authorization` header value. */
export function bearerToken(header: string | undefined): string {
  if (!header) throw unauthenticated('missing bearer token');
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header.trim());
  if (!match) throw unauthenticated('authorization header must be "Bearer <jwt>"');
  return match[1];
}

/** jose's error as a reason that names the failed check, never the token's content. */
function rejection(error: InstanceType<typeof errors.JOSEError>): TenancyError {
  if (error instanceof errors.JWTExpired) return unauthenticated('token expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return unauthenticated(`token rejected: ${error.code} (claim ${error.claim}: ${error.reason})`);
  }
  return unauthenticated(`token rejected: ${error.code}`);
}

function checkLifetime(payload: Record<string, unknown>, maxLifetimeSeconds: number): void {
  const { exp, iat } = payload as { exp: number; iat: number };
  if (exp - iat > maxLifetimeSeconds) {
    throw unauthenticated(
      `token rejected: lifetime of ${exp - iat} s (exp - iat) exceeds the maximum of ${maxLifetimeSeconds} s`,
    );
  }
}

/**
 * Verifies signature, algorithm, issuer, audience and lifetime (`exp` always, `iat` and the
 * longest lifetime when a maximum is set), then requires exactly one org (`org`), one role
 * (`role`) and an actor (`sub`).
 */
export async function verifyToken(token: string, options: TokenVerifierOptions): Promise<Principal> {
  const clockTolerance = options.clockToleranceSeconds ?? 5;
  let payload: Record<string, unknown>;
  try {
    const verified = await jwtVerify(token, options.key as Uint8Array, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: options.algorithms,
      clockTolerance,
      requiredClaims: options.maxLifetimeSeconds === undefined ? ['exp', 'sub'] : ['exp', 'iat', 'sub'],
    });
    payload = verified.payload;
  } catch (error) {
    // Not the token's fault: the key set of the provider could not be fetched.
    if (error instanceof KeySetUnavailableError) throw error;
    if (error instanceof errors.JOSEError) throw rejection(error);
    throw error;
  }
  if (options.maxLifetimeSeconds !== undefined) {
    checkLifetime(payload, options.maxLifetimeSeconds);
    if ((payload.iat as number) > Math.floor(Date.now() / 1000) + clockTolerance) {
      throw unauthenticated('token rejected: issued in the future (claim iat)');
    }
  }
  const { org, role, sub } = payload;
  if (typeof org !== 'string' || !ORG_ID_PATTERN.test(org))
    throw unauthenticated('token must name one org (claim "org")');
  if (!isRole(role)) throw unauthenticated('token must name one role: advisor, compliance or operator');
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200)
    throw unauthenticated('token must name the actor (claim "sub")');
  return { orgId: org, role, actor: sub };
}
