import { errors, jwtVerify, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { ORG_ID_PATTERN } from '@ledger/ledger';
import { isRole, type Principal } from '../principal';
import { TenancyError } from '../tenancyError';

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** A symmetric secret, a public key, or a key set resolver (JWKS). */
  key: Uint8Array | KeyLike | JWTVerifyGetKey;
  algorithms?: string[];
  clockToleranceSeconds?: number;
}

const unauthenticated = (reason: string) => new TenancyError('TENANCY.UNAUTHENTICATED', reason);

/** Reads the bearer token of an `Authorization` header value. */
export function bearerToken(header: string | undefined): string {
  if (!header) throw unauthenticated('missing bearer token');
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header.trim());
  if (!match) throw unauthenticated('authorization header must be "Bearer <jwt>"');
  return match[1];
}

/**
 * Verifies signature, issuer, audience and lifetime, then requires exactly one org (`org`),
 * one role (`role`) and an actor (`sub`).
 */
export async function verifyToken(token: string, options: TokenVerifierOptions): Promise<Principal> {
  let payload: Record<string, unknown>;
  try {
    const verified = await jwtVerify(token, options.key as Uint8Array, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: options.algorithms,
      clockTolerance: options.clockToleranceSeconds ?? 5,
      requiredClaims: ['exp', 'sub'],
    });
    payload = verified.payload;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw unauthenticated('token expired');
    if (error instanceof errors.JOSEError) throw unauthenticated(`token rejected: ${error.code}`);
    throw error;
  }
  const { org, role, sub } = payload;
  if (typeof org !== 'string' || !ORG_ID_PATTERN.test(org))
    throw unauthenticated('token must name one org (claim "org")');
  if (!isRole(role)) throw unauthenticated('token must name one role: advisor, compliance or operator');
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200)
    throw unauthenticated('token must name the actor (claim "sub")');
  return { orgId: org, role, actor: sub };
}
