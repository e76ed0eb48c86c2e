import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import type { NewEvent } from '@ledger/ledger';
import { ProjectionWaiter } from '@ledger/projections';
import type { Role } from '@ledger/tenancy';
import { auditService } from '../audit.descriptor';
import { AUDIT_TRAIL_PROJECTION } from '../projection/auditTrailProjection';

describe('audit HTTP: trail, verify, projection admin', () => {
  let t: HttpTestApp;
  const tokens = new Map<string, string>();
  const token = async (role: Role, orgId = 'org-a') => {
    const key = `${role}:${orgId}`;
    if (!tokens.has(key)) tokens.set(key, await t.tokenFor(role, orgId, `${role}-1`));
    return tokens.get(key)!;
  };
  const get = async (url: string, role: Role | null = 'compliance', orgId = 'org-a') =>
    t.app.inject({ method: 'GET', url, headers: role ? { authorization: await token(role, orgId) } : {} });
  const post = async (url: string, role: Role, payload?: unknown, orgId = 'org-a') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: {
        authorization: await token(role, orgId),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      payload: payload === undefined ? undefined : JSON.stringify(payload),
    });

  const record = async (orgId: string, streamId: string, events: Array<[string, string]>) => {
    const result = await t.ledger.append({
      orgId,
      streamId,
      expectedRevision: 'any',
      events: events.map(([type, actor]): NewEvent => ({ type, data: {}, metadata: { actor } })),
    });
    await new ProjectionWaiter(t.pool, [AUDIT_TRAIL_PROJECTION], { timeoutMs: 15_000 }).waitFor(
      orgId,
      result.positions,
    );
  };

  beforeAll(async () => {
    t = await createHttpTestApp({ services: [auditService] });
    await record('org-a', 'claim-c1', [['ClaimAsserted', 'adv-1']]);
    await record('org-a', 'evidenceaccess-2026-11-25', [['EvidenceListed', 'adv-1']]);
    await record('org-a', 'briefaccess-2026-11-25', [['BriefViewed', 'adv-2']]);
    await record('org-b', 'claim-c1', [['ClaimAsserted', 'adv-9']]);
  });

  afterAll(() => t.close());

  describe('GET /v1/audit/events', () => {
    it('serves compliance and operator the org trail, filtered and paged', async () => {
      const all = await get('/v1/audit/events');
      expect(all.statusCode).toBe(200);
      expect(all.json().items.map((item: { type: string }) => item.type)).toEqual([
        'ClaimAsserted',
        'EvidenceListed',
        'BriefViewed',
      ]);
      const access = await get('/v1/audit/events?accessOnly=true&actor=adv-2', 'operator');
      expect(access.json()).toEqual({
        items: [expect.objectContaining({ type: 'BriefViewed', actor: 'adv-2', category: 'briefaccess', orgSeq: 2 })],
        nextCursor: null,
      });
      const first = (await get('/v1/audit/events?limit=2')).json();
      expect(first.items).toHaveLength(2);
      const second = (await get(`/v1/audit/events?limit=2&cursor=${first.nextCursor}`)).json();
      expect(second).toEqual({ items: [expect.objectContaining({ orgSeq: 2 })], nextCursor: null });
      const byCategory = (await get('/v1/audit/events?category=claim&from=2000-01-01T00:00:00Z')).json();
      expect(byCategory.items.map((item: { streamId: string }) => item.streamId)).toEqual(['claim-c1']);
    });

    it('never shows another org', async () => {
      const b = (await get('/v1/audit/events', 'compliance', 'org-b')).json();
      expect(b.items.map((item: { actor: string }) => item.actor)).toEqual(['adv-9']);
      expect((await get('/v1/audit/events?actor=adv-1', 'compliance', 'org-b')).json().items).toEqual([]);
      expect((await get('/v1/audit/events', 'compliance', 'org-empty')).json()).toEqual({
        items: [],
        nextCursor: null,
      });
    });

    it('refuses a missing token (401) and the advisor role (403)', async () => {
      expect((await get('/v1/audit/events', null)).statusCode).toBe(401);
      const advisor = await get('/v1/audit/events', 'advisor');
      expect(advisor.statusCode).toBe(403);
      expect(advisor.headers['content-type']).toContain('application/problem+json');
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
      ['from=yesterday', 'from'],
      ['accessOnly=maybe', 'accessOnly'],
      ['category=Bad-Cat', 'category'],
      ['streamId=nodash', 'streamId'],
      ['type=1bad', 'type'],
      ['cursor=%21%21', 'cursor'],
      ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
      ['actor=a&actor=b', 'actor'],
      ['unknown=1', 'unknown'],
    ])('answers ?%s with 422 naming %s', async (query, field) => {
      const response = await get(`/v1/audit/events?${query}`);
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json();
      const fields = problem.errors ? problem.errors.map((e: { field: string }) => e.field) : [problem.field];
      expect(fields).toContain(field);
    });
  });

  describe('GET /v1/audit/verify', () => {
    it('reports ok on a clean org for compliance and operator, not for advisors', async () => {
      const report = await get('/v1/audit/verify');
      expect(report.statusCode).toBe(200);
      expect(report.json()).toMatchObject({ orgId: 'org-a', ok: true, events: 3, findings: [] });
      expect((await get('/v1/audit/verify', 'operator', 'org-b')).json()).toMatchObject({ orgId: 'org-b', events: 1 });
      expect((await get('/v1/audit/verify', 'advisor')).statusCode).toBe(403);
      expect((await get('/v1/audit/verify', null)).statusCode).toBe(401);
    });
  });

  describe('/v1/audit/projections', () => {
    it('shows the org status to operators only', async () => {
      const status = await get('/v1/audit/projections', 'operator');
      expect(status.statusCode).toBe(200);
      expect(status.json().items).toEqual([
        expect.objectContaining({ projection: AUDIT_TRAIL_PROJECTION, orgId: 'org-a', status: 'running', head: 2 }),
      ]);
      expect((await get('/v1/audit/projections', 'compliance')).statusCode).toBe(403);
      expect((await get('/v1/audit/projections', 'advisor')).statusCode).toBe(403);
    });

    it('rebuilds one projection for the org; the trail still reads the same', async () => {
      const before = (await get('/v1/audit/events')).json();
      const rebuilt = await post(`/v1/audit/projections/${AUDIT_TRAIL_PROJECTION}/rebuild`, 'operator');
      expect(rebuilt.statusCode).toBe(200);
      expect(rebuilt.json()).toMatchObject({ projection: AUDIT_TRAIL_PROJECTION, orgId: 'org-a', outcome: 'switched' });
      const after = (await get('/v1/audit/events?to=2999-01-01T00:00:00Z&limit=3')).json();
      expect(after.items).toEqual(before.items);
      const orgB = (await get('/v1/audit/projections', 'operator', 'org-b')).json();
      expect(orgB.items[0]).toMatchObject({ orgId: 'org-b', activeGeneration: 1 });
    });

    it('answers 404 for an unknown projection, 422 for a malformed name, 409 for a resume of a running one', async () => {
      const unknown = await post('/v1/audit/projections/nope.nothing/rebuild', 'operator');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ code: 'AUDIT.PROJECTION_NOT_FOUND' });
      expect((await post('/v1/audit/projections/Bad%20Name/rebuild', 'operator')).statusCode).toBe(422);
      const resume = await post(`/v1/audit/projections/${AUDIT_TRAIL_PROJECTION}/resume`, 'operator');
      expect(resume.statusCode).toBe(409);
      expect(resume.json()).toMatchObject({ code: 'AUDIT.ALREADY_RUNNING' });
      const skip = await post(`/v1/audit/projections/${AUDIT_TRAIL_PROJECTION}/skip`, 'operator', { reason: '' });
      expect(skip.statusCode).toBe(422);
      const extra = await post(`/v1/audit/projections/${AUDIT_TRAIL_PROJECTION}/skip`, 'operator', {
        reason: 'x',
        force: true,
      });
      expect(extra.statusCode).toBe(422);
      expect((await post(`/v1/audit/projections/${AUDIT_TRAIL_PROJECTION}/rebuild`, 'compliance')).statusCode).toBe(
        403,
      );
    });
  });
});
