import { Controller, Get, Module } from '@nestjs/common';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/tenancy';
import { JwksServer, providerKey, providerToken, type ProviderKey } from '@ledger/tenancy/testing';
import { readAuthConfig } from '../config/authConfig';
import { loadAuth } from '../config/auth';
import { loadDevAuth } from '../config/devAuth';
import { defineService } from '../descriptor/serviceDescriptor';
import { createHttpTestApp, type HttpTestApp } from '../testing/httpTestApp';

@Controller('v1/whoami')
class WhoamiController {
  @Get()
  @Roles('advisor', 'compliance')
  whoami(@Ctx() ctx: RequestContext) {
    return { orgId: ctx.orgId, role: ctx.role, actor: ctx.actor };
  }
}

@Module({ controllers: [WhoamiController] })
class WhoamiModule {}

const whoami = defineService({
  name: 'whoami',
  prefix: 'whoami_',
  categories: ['whoami'],
  follows: [],
  projections: [],
  module: WhoamiModule,
  registerRoutes: () => undefined,
  paths: ['/v1/whoami'],
});

const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'ledger-api';

describe('an API configured for an identity provider (LEDGER_AUTH_JWKS_URL)', () => {
  let provider: JwksServer;
  let key: ProviderKey;
  let t: HttpTestApp;

  beforeAll(async () => {
    provider = await JwksServer.start();
    key = await providerKey('provider-1');
    provider.publish(key);
    const env = {
      LEDGER_ENV: 'production',
      LEDGER_AUTH_JWKS_URL: provider.url.href,
      LEDGER_AUTH_ISSUER: ISSUER,
      LEDGER_AUTH_AUDIENCE: AUDIENCE,
      LEDGER_AUTH_MAX_TOKEN_LIFETIME_SECONDS: '3600',
      // A token naming a key the cached set lacks fetches the set again at once.
      LEDGER_AUTH_JWKS_COOLDOWN_SECONDS: '0',
    };
    const auth = await loadAuth(readAuthConfig(env), env, '');
    expect(auth.dev).toBeUndefined();
    t = await createHttpTestApp({ services: [whoami], auth: auth.verifier });
  });

  afterAll(async () => {
    await t?.close();
    await provider.close();
  });

  const get = (authorization: string) => t.app.inject({ method: 'GET', url: '/v1/whoami', headers: { authorization } });
  const claims = { issuer: ISSUER, audience: AUDIENCE, subject: 'advisor-7', org: 'org-b', role: 'advisor' };

  it("accepts the provider's tokens, scoped to the org and role they name", async () => {
    const response = await get(`Bearer ${await providerToken(key, claims)}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ orgId: 'org-b', role: 'advisor', actor: 'advisor-7' });
  });

  it('refuses a provider token valid for 100 years, saying why in the problem and the challenge', async () => {
    const response = await get(`Bearer ${await providerToken(key, claims, '100y')}`);
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const detail = response.json().detail as string;
    expect(detail).toMatch(/^token rejected: lifetime of \d+ s \(exp - iat\) exceeds the maximum of 3600 s$/);
    expect(response.headers['www-authenticate']).toBe(
      `Bearer realm="ledger", error="invalid_token", error_description="${detail}"`,
    );
  });

  it("refuses the development issuer's tokens", async () => {
    const dev = await loadDevAuth({ LEDGER_DEV_TOKEN_SECRET: Buffer.alloc(32, 7).toString('base64') }, '');
    const token = await dev.issue({ orgId: 'org-b', role: 'advisor', actor: 'advisor-7' });
    const response = await get(`Bearer ${token}`);
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toMatch(/ERR_JOSE_ALG_NOT_ALLOWED/);
  });

  it("answers 503 problem+json while the provider's key set cannot be fetched, and recovers with it", async () => {
    const rotated = await providerKey('provider-2');
    provider.failing = true;
    const during = await get(`Bearer ${await providerToken(rotated, claims)}`);
    expect(during.statusCode).toBe(503);
    expect(during.headers['content-type']).toContain('application/problem+json');
    expect(during.json()).toMatchObject({ status: 503, code: 'SERVICE.UNAVAILABLE' });
    expect(during.headers['www-authenticate']).toBeUndefined();
    provider.failing = false;
    provider.publish(key, rotated);
    expect((await get(`Bearer ${await providerToken(rotated, claims)}`)).statusCode).toBe(200);
  });
});
