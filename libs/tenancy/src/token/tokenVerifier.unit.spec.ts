import { randomBytes } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { issueToken } from './devIssuer';
import { bearerToken, verifyToken } from './tokenVerifier';

const secret = randomBytes(32);
const settings = { issuer: 'ledger-dev', audience: 'ledger', key: secret, algorithms: ['HS256'] };
const principal = { orgId: 'org-1', role: 'compliance' as const, actor: 'user-42' };

function signed(claims: Record<string, unknown>, configure: (jwt: SignJWT) => SignJWT = (jwt) => jwt) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('ledger-dev').setAudience('ledger');
  return configure(jwt.setSubject('user-42').setIssuedAt().setExpirationTime('1h')).sign(secret);
}

describe('verifyToken', () => {
  it('returns the org, role and actor of a valid token', async () => {
    const token = await issueToken(principal, { issuer: 'ledger-dev', audience: 'ledger', secret });
    await expect(verifyToken(token, settings)).resolves.toEqual(principal);
  });

  it.each([
    [
      'an expired token',
      () =>
        signed({ org: 'org-1', role: 'advisor' }, (jwt) => jwt.setExpirationTime(Math.floor(Date.now() / 1000) - 60)),
      /expired/,
    ],
    [
      'another issuer',
      () => signed({ org: 'org-1', role: 'advisor' }, (jwt) => jwt.setIssuer('elsewhere')),
      /ERR_JWT_CLAIM_VALIDATION_FAILED/,
    ],
    [
      'another audience',
      () => signed({ org: 'org-1', role: 'advisor' }, (jwt) => jwt.setAudience('other')),
      /ERR_JWT_CLAIM_VALIDATION_FAILED/,
    ],
    [
      'another signing key',
      () => issueToken(principal, { issuer: 'ledger-dev', audience: 'ledger', secret: randomBytes(32) }),
      /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/,
    ],
    [
      'an unsigned token',
      async () =>
        new UnsecuredJWT({ org: 'org-1', role: 'advisor', sub: 'u' })
          .setIssuer('ledger-dev')
          .setAudience('ledger')
          .setExpirationTime('1h')
          .encode(),
      /token rejected/,
    ],
    ['no org', () => signed({ role: 'advisor' }), /one org/],
    ['two orgs', () => signed({ org: ['org-1', 'org-2'], role: 'advisor' }), /one org/],
    ['an unknown role', () => signed({ org: 'org-1', role: 'admin' }), /one role/],
  ])('refuses %s as unauthenticated', async (_name, make, reason) => {
    const error = await verifyToken(await make(), settings).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TENANCY.UNAUTHENTICATED', status: 401 });
    expect((error as Error).message).toMatch(reason);
  });
});

describe('bearerToken', () => {
  it('takes the token from a Bearer header and refuses anything else', () => {
    expect(bearerToken('Bearer aaa.bbb.ccc')).toBe('aaa.bbb.ccc');
    for (const header of [undefined, '', 'Basic abc', 'Bearer', 'Bearer not-a-jwt']) {
      expect(() => bearerToken(header)).toThrow(expect.objectContaining({ code: 'TENANCY.UNAUTHENTICATED' }));
    }
  });
});
