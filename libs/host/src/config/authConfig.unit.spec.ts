import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { verifyToken } from '@ledger/tenancy';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, readAuthConfig } from './authConfig';
import { DEV_AUDIENCE, DEV_ISSUER, lifetimeText, loadDevAuth } from './devAuth';

const secret = randomBytes(32).toString('base64');
const provider = {
  LEDGER_AUTH_JWKS_URL: 'https://idp.example.test/.well-known/jwks.json',
  LEDGER_AUTH_ISSUER: 'https://idp.example.test/',
  LEDGER_AUTH_AUDIENCE: 'ledger-api',
};

describe('readAuthConfig', () => {
  it('is the development issuer with a 24-hour maximum lifetime by default', () => {
    expect(readAuthConfig({})).toEqual({
      kind: 'development',
      maxLifetimeSeconds: DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
      clockToleranceSeconds: 30,
    });
  });

  it('reads the identity provider with its defaults, and every setting when given', () => {
    expect(readAuthConfig(provider)).toEqual({
      kind: 'jwks',
      settings: {
        jwksUrl: new URL(provider.LEDGER_AUTH_JWKS_URL),
        issuer: provider.LEDGER_AUTH_ISSUER,
        audience: 'ledger-api',
        algorithms: ['RS256', 'ES256'],
        maxLifetimeSeconds: 86_400,
        clockToleranceSeconds: 30,
        cacheMaxAgeSeconds: 600,
        cooldownSeconds: 30,
        timeoutMs: 5000,
      },
    });
    const config = readAuthConfig({
      ...provider,
      LEDGER_ENV: 'production',
      LEDGER_AUTH_ALGORITHMS: 'ES256, EdDSA',
      LEDGER_AUTH_MAX_TOKEN_LIFETIME_SECONDS: '3600',
      LEDGER_AUTH_CLOCK_SKEW_SECONDS: '10',
      LEDGER_AUTH_JWKS_CACHE_MAX_AGE_SECONDS: '120',
      LEDGER_AUTH_JWKS_COOLDOWN_SECONDS: '5',
      LEDGER_AUTH_JWKS_TIMEOUT_MS: '1500',
    });
    expect(config).toMatchObject({
      kind: 'jwks',
      settings: {
        algorithms: ['ES256', 'EdDSA'],
        maxLifetimeSeconds: 3600,
        clockToleranceSeconds: 10,
        cacheMaxAgeSeconds: 120,
        cooldownSeconds: 5,
        timeoutMs: 1500,
      },
    });
  });

  it.each<[string, NodeJS.ProcessEnv, string]>([
    [
      'the development issuer in production',
      { LEDGER_ENV: 'production', LEDGER_DEV_TOKEN_SECRET: secret },
      'LEDGER_ENV=production refuses the development token issuer: set LEDGER_AUTH_JWKS_URL, LEDGER_AUTH_ISSUER and LEDGER_AUTH_AUDIENCE',
    ],
    ['an unknown environment', { LEDGER_ENV: 'staging' }, 'LEDGER_ENV=staging is not an environment'],
    ['a provider without issuer', { ...provider, LEDGER_AUTH_ISSUER: '' }, 'LEDGER_AUTH_ISSUER must be set too'],
    ['a provider without audience', { ...provider, LEDGER_AUTH_AUDIENCE: ' ' }, 'LEDGER_AUTH_AUDIENCE must be set too'],
    [
      'both issuers at once',
      { ...provider, LEDGER_DEV_TOKEN_SECRET: secret },
      'LEDGER_AUTH_JWKS_URL and LEDGER_DEV_TOKEN_SECRET are both set',
    ],
    ['a symmetric algorithm', { ...provider, LEDGER_AUTH_ALGORITHMS: 'RS256,HS256' }, 'only asymmetric algorithms'],
    ['the none algorithm', { ...provider, LEDGER_AUTH_ALGORITHMS: 'none' }, 'only asymmetric algorithms'],
    [
      'a plain-http key set in production',
      { ...provider, LEDGER_ENV: 'production', LEDGER_AUTH_JWKS_URL: 'http://idp.example.test/jwks' },
      'LEDGER_AUTH_JWKS_URL must be https in production',
    ],
    ['a key set URL that is not one', { ...provider, LEDGER_AUTH_JWKS_URL: 'idp/jwks' }, 'is not a URL'],
    [
      'an unbounded lifetime',
      { LEDGER_AUTH_MAX_TOKEN_LIFETIME_SECONDS: '3153600000' },
      'LEDGER_AUTH_MAX_TOKEN_LIFETIME_SECONDS=3153600000 must be an integer from 60 to 604800',
    ],
    [
      'a negative skew',
      { LEDGER_AUTH_CLOCK_SKEW_SECONDS: '-5' },
      'LEDGER_AUTH_CLOCK_SKEW_SECONDS=-5 must be an integer',
    ],
  ])('refuses %s in one line', (_name, env, message) => {
    expect(() => readAuthConfig(env)).toThrow(expect.objectContaining({ name: 'StartRefused' }));
    expect(() => readAuthConfig(env)).toThrow(message);
  });

  it('accepts a plain-http key set on loopback in production (a sidecar), and in development anywhere', () => {
    expect(
      readAuthConfig({ ...provider, LEDGER_ENV: 'production', LEDGER_AUTH_JWKS_URL: 'http://127.0.0.1:8080/jwks' }),
    ).toMatchObject({ kind: 'jwks' });
    expect(readAuthConfig({ ...provider, LEDGER_AUTH_JWKS_URL: 'http://idp.internal/jwks' })).toMatchObject({
      kind: 'jwks',
    });
  });
});

describe('the development issuer', () => {
  it('is refused in production', async () => {
    await expect(loadDevAuth({ LEDGER_ENV: 'production', LEDGER_DEV_TOKEN_SECRET: secret }, '')).rejects.toThrow(
      'LEDGER_ENV=production refuses the development token issuer',
    );
  });

  it('issues tokens its verifier accepts, and refuses one valid for 100 years', async () => {
    const auth = await loadDevAuth({ LEDGER_DEV_TOKEN_SECRET: secret }, '');
    const principal = { orgId: 'org-1', role: 'advisor' as const, actor: 'user-1' };
    await expect(verifyToken(await auth.issue(principal), auth.verifier)).resolves.toEqual(principal);
    expect(auth.tokenLifetimeSeconds).toBe(12 * 3600);

    const century = await new SignJWT({ org: 'org-1', role: 'advisor' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject('user-1')
      .setIssuedAt()
      .setExpirationTime('100y')
      .sign(Buffer.from(secret, 'base64'));
    await expect(verifyToken(century, auth.verifier)).rejects.toThrow(
      /lifetime of \d+ s \(exp - iat\) exceeds the maximum of 86400 s/,
    );
  });

  it('issues tokens no longer than a shorter configured maximum', async () => {
    const auth = await loadDevAuth(
      { LEDGER_DEV_TOKEN_SECRET: secret, LEDGER_AUTH_MAX_TOKEN_LIFETIME_SECONDS: '900' },
      '',
    );
    expect(auth.tokenLifetimeSeconds).toBe(900);
    expect([lifetimeText(900), lifetimeText(3600), lifetimeText(12 * 3600)]).toEqual([
      '15 minutes',
      '1 hour',
      '12 hours',
    ]);
    const token = await auth.issue({ orgId: 'org-1', role: 'operator', actor: 'op' });
    await expect(verifyToken(token, auth.verifier)).resolves.toMatchObject({ role: 'operator' });
  });
});
