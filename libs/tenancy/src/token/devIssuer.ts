import { SignJWT } from 'jose';
import type { Principal } from '../principal';

export interface DevIssuerOptions {
  issuer: string;
  audience: string;
  secret: Uint8Array;
  /** Lifetime, e.g. '8h'. */
  expiresIn?: string;
}

/** Issues HS256 tokens for local development and tests; production uses a real identity provider. */
export function issueToken(principal: Principal, options: DevIssuerOptions): Promise<string> {
  return new SignJWT({ org: principal.orgId, role: principal.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.actor)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(options.secret);
}
