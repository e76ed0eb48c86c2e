import { SignJWT } from 'jose';
import { JwksServer, providerKey as signingKey, type ProviderKey as SigningKey } from '../testing/jwksServer';
import { jwksVerifierOptions, type JwksSettings } from './jwksVerifier';
import { verifyToken } from './tokenVerifier';

const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'ledger-api';
const CACHE_MAX_AGE_MS = 300;
const now = () => Math.floor(Date.now() / 1000);

function token(key: SigningKey, configure: (jwt: SignJWT) => SignJWT = (jwt) => jwt, alg = 'RS256'): Promise<string> {
  const jwt = new SignJWT({ org: 'org-1', role: 'advisor' })
    .setProtectedHeader({ alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('user-1')
    .setIssuedAt()
    .setExpirationTime('10m');
  return configure(jwt).sign(key.privateKey);
}

/** A provider's claims for org-1, with or without `iat` and `exp`. */
function claims({ iat = true, exp = true } = {}): SignJWT {
  let jwt = new SignJWT({ org: 'org-1', role: 'advisor' }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject('user-1');
  if (iat) jwt = jwt.setIssuedAt();
  if (exp) jwt = jwt.setExpirationTime('10m');
  return jwt;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'TENANCY.UNAUTHENTICATED', status: 401 });
  return (error as Error).message;
}

describe('the JWKS verifier against an identity provider on loopback', () => {
  let server: JwksServer;
  let settings: JwksSettings;

  beforeAll(async () => {
    server = await JwksServer.start();
    settings = {
      jwksUrl: server.url,
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['RS256', 'ES256'],
      clockToleranceSeconds: 5,
      maxLifetimeSeconds: 3600,
      cacheMaxAgeSeconds: CACHE_MAX_AGE_MS / 1000,
      cooldownSeconds: 0,
      timeoutMs: 2000,
    };
  });

  afterAll(() => server.close());

  it('follows a key rotation: both keys during the overlap, the old one refused once it is removed', async () => {
    const old = await signingKey('key-2026-01');
    const next = await signingKey('key-2026-02', 'ES256');
    server.published = [old.jwk];
    const verifier = jwksVerifierOptions(settings);
    const expected = { orgId: 'org-1', role: 'advisor', actor: 'user-1' };

    await expect(verifyToken(await token(old), verifier)).resolves.toEqual(expected);
    const afterFirst = server.fetches;
    for (let i = 0; i < 5; i += 1) await verifyToken(await token(old), verifier);
    // The key set is cached: five more tokens, no more fetches.
    expect(server.fetches).toBe(afterFirst);

    // Overlap: the provider publishes both and starts signing with the new key; a token naming a
    // key id the cache lacks makes the verifier fetch again.
    server.published = [old.jwk, next.jwk];
    await expect(verifyToken(await token(next, undefined, 'ES256'), verifier)).resolves.toEqual(expected);
    expect(server.fetches).toBe(afterFirst + 1);
    await expect(verifyToken(await token(old), verifier)).resolves.toEqual(expected);

    // The old key is removed; once the cached set has expired, its tokens are refused.
    server.published = [next.jwk];
    await new Promise((resolve) => setTimeout(resolve, CACHE_MAX_AGE_MS + 100));
    expect(await refusal(verifyToken(await token(old), verifier))).toMatch(/ERR_JWKS_NO_MATCHING_KEY/);
    await expect(verifyToken(await token(next, undefined, 'ES256'), verifier)).resolves.toEqual(expected);
  });

  it('refuses a token valid for 100 years with a reason naming the lifetime', async () => {
    const key = await signingKey('key-long');
    server.published = [key.jwk];
    const verifier = jwksVerifierOptions(settings);
    const century = await token(key, (jwt) => jwt.setExpirationTime(now() + 100 * 365 * 24 * 3600));
    expect(await refusal(verifyToken(century, verifier))).toBe(
      `token rejected: lifetime of ${100 * 365 * 24 * 3600} s (exp - iat) exceeds the maximum of 3600 s`,
    );
  });

  it.each([
    ['no exp', () => claims({ exp: false }), /claim exp: missing/],
    ['no iat, while a maximum lifetime is set', () => claims({ iat: false }), /claim iat: missing/],
    ['another issuer', () => claims().setIssuer('https://elsewhere.test/'), /claim iss: check_failed/],
    ['another audience', () => claims().setAudience('another-api'), /claim aud: check_failed/],
    [
      'an expired token',
      () =>
        claims()
          .setIssuedAt(now() - 600)
          .setExpirationTime(now() - 60),
      /expired/,
    ],
    [
      'a token issued in the future',
      () =>
        claims()
          .setIssuedAt(now() + 600)
          .setExpirationTime(now() + 900),
      /issued in the future/,
    ],
  ])('refuses %s', async (_name, build, reason) => {
    const key = await signingKey(`key-${_name.replace(/\W+/g, '-')}`);
    server.published = [key.jwk];
    const compact = await build().setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(key.privateKey);
    expect(await refusal(verifyToken(compact, jwksVerifierOptions(settings)))).toMatch(reason);
  });

  it('refuses an algorithm outside the allow-list even when the key set publishes its key', async () => {
    const key = await signingKey('key-ps', 'PS256');
    server.published = [key.jwk];
    const signed = await token(key, undefined, 'PS256');
    expect(await refusal(verifyToken(signed, jwksVerifierOptions(settings)))).toMatch(/ERR_JOSE_ALG_NOT_ALLOWED/);
    await expect(
      verifyToken(signed, jwksVerifierOptions({ ...settings, algorithms: ['PS256'] })),
    ).resolves.toMatchObject({ orgId: 'org-1' });
  });

  it("tells a key set that cannot be fetched apart from a refused token: the provider's outage is not the client's fault", async () => {
    const key = await signingKey('key-outage');
    server.published = [key.jwk];
    server.failing = true;
    try {
      const error = await verifyToken(await token(key), jwksVerifierOptions(settings)).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'TENANCY.KEY_SET_UNAVAILABLE', status: 503 });
    } finally {
      server.failing = false;
    }
    const closed = await JwksServer.start();
    const unreachable = closed.url;
    await closed.close();
    const refused = await verifyToken(
      await token(key),
      jwksVerifierOptions({ ...settings, jwksUrl: unreachable }),
    ).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'TENANCY.KEY_SET_UNAVAILABLE', status: 503 });
  });

  it('refuses a token signed with a key the provider never published', async () => {
    const published = await signingKey('key-a');
    const stranger = await signingKey('key-a');
    server.published = [published.jwk];
    expect(await refusal(verifyToken(await token(stranger), jwksVerifierOptions(settings)))).toMatch(
      /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/,
    );
  });
});
