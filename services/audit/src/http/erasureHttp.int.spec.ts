import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import type { Role } from '@ledger/tenancy';
import { auditService } from '../audit.descriptor';
import { ERASURE_CARRIED_OUT, ERASURE_REQUESTED, erasureStreamId } from '../erasure/erasureEvents';
import { CLIENT_SECRETS, seedClient } from '../testing/erasureFixture';
import { verifyCertificateOffline } from '../testing/offlineVerifier';

describe('/v1/audit/erasures', () => {
  let t: HttpTestApp;
  let requestId: string;
  const call = async (method: 'GET' | 'POST', url: string, role: Role | null, orgId = 'org-a', payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: {
        ...(role ? { authorization: await t.tokenFor(role, orgId, `${role}-1`) } : {}),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });

  beforeAll(async () => {
    t = await createHttpTestApp({ services: [auditService] });
    await seedClient(t.ledger, 'org-a');
    await seedClient(t.ledger, 'org-b');
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses advisors and operators with 403 on every route, and writes nothing', async () => {
    const before = await t.eventCount('org-a');
    const someId = '00000000-0000-4000-8000-000000000000';
    for (const role of ['advisor', 'operator'] as const) {
      for (const [method, url, body] of [
        ['POST', '/v1/audit/erasures', { entityId: 'e1' }],
        ['POST', '/v1/audit/erasures/apply-due', undefined],
        ['GET', `/v1/audit/erasures/${someId}`, undefined],
        ['GET', `/v1/audit/erasures/${someId}/certificates`, undefined],
      ] as const) {
        const response = await call(method, url, role, 'org-a', body);
        expect([role, url, response.statusCode]).toEqual([role, url, 403]);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
    }
    expect((await call('POST', '/v1/audit/erasures', null, 'org-a', { entityId: 'e1' })).statusCode).toBe(401);
    expect(await t.eventCount('org-a')).toBe(before);
  });

  it('answers 422 naming the field for a malformed entity id or request id', async () => {
    const bad = await call('POST', '/v1/audit/erasures', 'compliance', 'org-a', { entityId: 'not an id' });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.json())).toContain('entityId');
    const extra = await call('POST', '/v1/audit/erasures', 'compliance', 'org-a', { entityId: 'e1', force: true });
    expect(extra.statusCode).toBe(422);
    expect((await call('GET', '/v1/audit/erasures/nope', 'compliance')).statusCode).toBe(422);
  });

  it('erases a client for the compliance role, records it in the ledger and the trail, with a certificate that verifies', async () => {
    const created = await call('POST', '/v1/audit/erasures', 'compliance', 'org-a', { entityId: 'e1' });
    expect(created.statusCode).toBe(201);
    const view = created.json();
    requestId = view.requestId;
    expect(view).toMatchObject({ entityId: 'e1', status: 'erased', dueAt: null });
    expect(view.streams.map((s: { streamId: string }) => s.streamId)).toEqual([
      'brief-b1',
      'claim-c1',
      'entity-e1',
      'evidence-d1',
      'evidence-d2',
      'evidence-d3',
    ]);
    const fetched = await call('GET', `/v1/audit/erasures/${requestId}`, 'compliance');
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json()).toEqual(view);

    const certificates = await call('GET', `/v1/audit/erasures/${requestId}/certificates`, 'compliance');
    expect(certificates.statusCode).toBe(200);
    const [certificate] = certificates.json().items;
    expect(certificate).toMatchObject({ kind: 'ledger.erasure-certificate', requestId, orgId: 'org-a' });
    expect(await verifyCertificateOffline(JSON.stringify(certificate))).toMatchObject({ ok: true });

    const trail = await call('GET', `/v1/audit/events?streamId=${erasureStreamId(requestId)}`, 'compliance');
    expect(trail.json().items.map((i: { type: string; actor: string }) => [i.type, i.actor])).toEqual([
      [ERASURE_REQUESTED, 'compliance-1'],
      [ERASURE_CARRIED_OUT, 'compliance-1'],
    ]);
    expect((await call('POST', '/v1/audit/erasures/apply-due', 'compliance')).json()).toEqual({ items: [] });
    for (const secret of CLIENT_SECRETS) expect(t.logLines.filter((line) => line.includes(secret))).toEqual([]);
  });

  it("answers another org's ids with 404, and leaves that org's data alone", async () => {
    const read = await call('GET', `/v1/audit/erasures/${requestId}`, 'compliance', 'org-b');
    expect(read.statusCode).toBe(404);
    expect(read.headers['content-type']).toContain('application/problem+json');
    expect((await call('GET', `/v1/audit/erasures/${requestId}/certificates`, 'compliance', 'org-b')).statusCode).toBe(
      404,
    );
    const unknown = await call('POST', '/v1/audit/erasures', 'compliance', 'org-a', { entityId: 'e-of-org-c' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'AUDIT.ENTITY_NOT_FOUND' });
    const states: string[] = [];
    for await (const event of t.ledger.readStream('org-b', 'entity-e1', { personal: 'decrypt' })) {
      states.push(event.personalState);
    }
    expect(states).toEqual(['present', 'none']);
  });
});
