import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { Body, Controller, Get, HttpCode, Inject, Module, Post } from '@nestjs/common';
import type { Ledger } from '@ledger/ledger';
import type { RequestContext } from '@ledger/tenancy';
import { eventMetadata } from '@ledger/tenancy';
import { z } from '@ledger/contracts';
import { Ctx, LEDGER, Roles, ZodPipe } from '@ledger/http';
import { defineService } from '../descriptor/serviceDescriptor';
import { createHttpTestApp, type HttpTestApp } from '../testing/httpTestApp';

const NoteBody = z.object({ noteId: z.string().min(1).max(20), revision: z.number().int().optional() }).strict();

@Controller('v1/notes')
class NotesController {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  @Post()
  @Roles('advisor')
  @HttpCode(201)
  async create(@Ctx() ctx: RequestContext, @Body(new ZodPipe(NoteBody)) body: z.infer<typeof NoteBody>) {
    const result = await this.ledger.append({
      orgId: ctx.orgId,
      streamId: `note-${body.noteId}`,
      expectedRevision: body.revision ?? 'no_stream',
      events: [{ type: 'NoteWritten', data: { noteId: body.noteId }, metadata: eventMetadata(ctx) }],
    });
    return { revision: result.lastRevision, requestId: ctx.requestId, correlationId: ctx.correlationId };
  }

  @Get('boom')
  @Roles('advisor')
  boom(): never {
    throw new Error('secret internal detail jane.doe@example.test');
  }

  @Get('nobody')
  nobody() {
    return 'unreachable';
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

const notes = defineService({
  name: 'notes',
  prefix: 'notes_',
  categories: ['note'],
  follows: [],
  projections: [],
  module: NotesModule,
  registerRoutes: () => undefined,
  paths: ['/v1/notes'],
});

describe('HTTP platform: auth, problems, validation, health, docs', () => {
  let t: HttpTestApp;
  let advisor: string;
  beforeAll(async () => {
    t = await createHttpTestApp({ services: [notes], bodyLimit: 1024 });
    advisor = await t.tokenFor('advisor');
  });
  afterAll(() => t.close());

  const post = (payload: unknown, authorization = advisor, extra: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/notes',
      headers: { authorization, 'content-type': 'application/json', ...extra },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  it('accepts a valid request, passing request and correlation ids through', async () => {
    const response = await post({ noteId: 'n1' }, advisor, { 'x-request-id': 'req-1', 'x-correlation-id': 'corr-9' });
    expect(response.statusCode).toBe(201);
    expect(response.headers['x-request-id']).toBe('req-1');
    expect(response.json()).toEqual({ revision: 0, requestId: 'req-1', correlationId: 'corr-9' });
  });

  it.each([
    ['no token', undefined, 'Bearer realm="ledger"'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 'Bearer realm="ledger"'],
    [
      'a garbage token',
      'Bearer a.b.c',
      'Bearer realm="ledger", error="invalid_token", error_description="token rejected: ERR_JWS_INVALID"',
    ],
    [
      'a token that is no JWT',
      'Bearer not-a-jwt',
      `Bearer realm="ledger", error="invalid_token", error_description="authorization header must be 'Bearer <jwt>'"`,
    ],
  ])('refuses %s with 401 problem+json and its WWW-Authenticate challenge', async (_name, authorization, challenge) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/notes',
      headers: authorization ? { authorization } : {},
      payload: { noteId: 'x' },
    });
    const code = 'TENANCY.UNAUTHENTICATED';
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['www-authenticate']).toBe(challenge);
    expect(response.json()).toMatchObject({ status: 401, code, type: `urn:ledger:problem:${code}` });
  });

  it("names the refused check in the challenge as in the problem's detail, and sends no challenge with a 403", async () => {
    const foreign = await new SignJWT({ org: 'org-a', role: 'advisor' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-advisor')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(randomBytes(32));
    const refused = await post({ noteId: 'n-expired' }, `Bearer ${foreign}`);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(
      /^Bearer realm="ledger", error="invalid_token", error_description="/,
    );
    const forbidden = await post({ noteId: 'n-403' }, await t.tokenFor('compliance'));
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers['www-authenticate']).toBeUndefined();
  });

  it('refuses a role the route does not admit, and a route that admits nobody, with 403', async () => {
    const compliance = await t.tokenFor('compliance');
    expect((await post({ noteId: 'n2' }, compliance)).statusCode).toBe(403);
    const nobody = await t.app.inject({ method: 'GET', url: '/v1/notes/nobody', headers: { authorization: advisor } });
    expect(nobody.json()).toMatchObject({ status: 403, code: 'TENANCY.FORBIDDEN' });
  });

  it('names the field and the rule of invalid input with 422, and persists nothing', async () => {
    const before = await t.eventCount();
    const missing = await post({});
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([{ field: 'noteId', rule: 'Required' }]);
    const wrongType = await post({ noteId: 7 });
    expect(wrongType.json().errors[0]).toMatchObject({ field: 'noteId' });
    const unknown = await post({ noteId: 'n3', extra: true });
    expect(unknown.json()).toMatchObject({ status: 422, errors: [{ field: 'extra', rule: 'is not a known field' }] });
    expect(await t.eventCount()).toBe(before);
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const malformed = await post('{"noteId": ');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'REQUEST.MALFORMED' });
    const big = await post({ noteId: 'n4', pad: 'x'.repeat(4096) });
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
  });

  it('turns a revision conflict into 409 with expected and actual revisions', async () => {
    await post({ noteId: 'c1' });
    const conflict = await post({ noteId: 'c1', revision: 5 });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ code: 'LEDGER.VERSION_CONFLICT', expected: 5, actual: 0 });
  });

  it('hides internal errors: 500 with a request id, no message or stack; the log has no personal data', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/notes/boom', headers: { authorization: advisor } });
    expect(response.statusCode).toBe(500);
    const body = response.json();
    expect(body).toEqual({
      type: 'urn:ledger:problem:INTERNAL',
      title: 'Internal error',
      status: 500,
      code: 'INTERNAL',
      requestId: response.headers['x-request-id'],
    });
    expect(t.logLines.some((line) => line.includes('request failed'))).toBe(true);
    expect(t.logLines.join('\n')).not.toContain('jane.doe');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/nothing', headers: { authorization: advisor } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'ROUTE.NOT_FOUND' });
  });

  it('serves liveness, readiness and the docs without a token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/health/live' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ok',
      checks: { database: 'ok', workers: { sequencer: 'ok', projections: 'ok' } },
    });
    const docs = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(docs.headers['content-type']).toContain('text/html');
    const openapi = await t.app.inject({ method: 'GET', url: '/docs/openapi.json' });
    expect(openapi.json()).toMatchObject({ openapi: '3.1.0' });
    const asset = await t.app.inject({ method: 'GET', url: '/docs/assets/swagger-ui.css' });
    expect(asset.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/docs/assets/..%2fpackage.json' })).statusCode).toBe(404);
  });
});
