import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import type { Role } from '@ledger/tenancy';
import { auditService } from '../audit.descriptor';

describe('audit HTTP: retention classes and legal holds', () => {
  let t: HttpTestApp;
  const tokens = new Map<string, string>();
  const token = async (role: Role, orgId: string) => {
    const key = `${role}:${orgId}`;
    if (!tokens.has(key)) tokens.set(key, await t.tokenFor(role, orgId, `${role}-1`));
    return tokens.get(key)!;
  };
  const send = async (
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    url: string,
    role: Role,
    payload?: unknown,
    orgId = 'org-a',
  ) =>
    t.app.inject({
      method,
      url,
      headers: {
        authorization: await token(role, orgId),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      payload: payload === undefined ? undefined : JSON.stringify(payload),
    });

  beforeAll(async () => {
    t = await createHttpTestApp({ services: [auditService] });
  });
  afterAll(() => t.close());

  it('lets compliance set a class at or above the floor, and refuses below it with a 422 naming the field', async () => {
    const set = await send('PUT', '/v1/audit/retention/classes/evidence', 'compliance', {
      regulation: 'sec-17a-4',
      durationMonths: 84,
      reason: 'seven years by firm policy',
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ category: 'evidence', regulation: 'sec-17a-4', durationMonths: 84 });

    const below = await send('PUT', '/v1/audit/retention/classes/claim', 'compliance', {
      regulation: 'advisers-204-2',
      durationMonths: 12,
      reason: 'too short',
    });
    expect(below.statusCode).toBe(422);
    expect(below.headers['content-type']).toContain('application/problem+json');
    expect(below.json()).toMatchObject({
      code: 'RETENTION.BELOW_FLOOR',
      errors: [{ field: 'durationMonths', rule: 'must be at least 60 months, the floor of advisers-204-2' }],
    });
    const badRegulation = await send('PUT', '/v1/audit/retention/classes/claim', 'compliance', {
      regulation: 'gdpr',
      reason: 'x',
    });
    expect(badRegulation.statusCode).toBe(422);
    expect(badRegulation.json().errors[0].field).toBe('regulation');

    const list = await send('GET', '/v1/audit/retention/classes', 'compliance');
    expect(list.json().items.map((c: { category: string }) => c.category)).toEqual(['evidence']);
  });

  it('places, lists and releases holds, each in the ledger and the audit trail', async () => {
    const placed = await send('POST', '/v1/audit/holds', 'compliance', {
      scope: { kind: 'time-range', from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
      reason: 'matter 2026-17',
    });
    expect(placed.statusCode).toBe(201);
    const hold = placed.json();
    expect(hold).toMatchObject({
      scope: { kind: 'time-range', from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' },
      placedBy: 'compliance-1',
      releasedAt: null,
    });
    expect((await send('GET', `/v1/audit/holds/${hold.holdId}`, 'compliance')).json()).toEqual(hold);
    expect((await send('GET', '/v1/audit/holds', 'compliance')).json().items).toEqual([hold]);

    const released = await send('DELETE', `/v1/audit/holds/${hold.holdId}`, 'compliance', { reason: 'closed' });
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ holdId: hold.holdId, releasedBy: 'compliance-1' });
    const again = await send('DELETE', `/v1/audit/holds/${hold.holdId}`, 'compliance', { reason: 'closed' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'RETENTION.ALREADY_RELEASED' });
    expect((await send('GET', '/v1/audit/holds', 'compliance')).json().items).toEqual([]);
    expect((await send('GET', '/v1/audit/holds?includeReleased=true', 'compliance')).json().items).toHaveLength(1);

    const trail = await send('GET', '/v1/audit/events?category=audit', 'compliance');
    const rows = trail
      .json()
      .items.map((i: { type: string; actor: string; streamId: string }) => [i.type, i.actor, i.streamId]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['RetentionClassSet', 'compliance-1', 'audit-compliance'],
        ['LegalHoldPlaced', 'compliance-1', 'audit-compliance'],
        ['LegalHoldReleased', 'compliance-1', 'audit-compliance'],
      ]),
    );
    // Reasons are sealed: neither the trail nor the stored event shows them in clear.
    expect(JSON.stringify(trail.json())).not.toContain('matter 2026-17');
  });

  it('refuses bad scopes with 422 naming the field, writing nothing', async () => {
    const before = (await send('GET', '/v1/audit/holds?includeReleased=true', 'compliance')).json().items.length;
    const cases: Array<[unknown, string]> = [
      [{ scope: { kind: 'stream', streamId: 'NoCategory' }, reason: 'r' }, 'scope.streamId'],
      [{ scope: { kind: 'planet' }, reason: 'r' }, 'scope.kind'],
      [{ scope: { kind: 'time-range', from: '2027-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, reason: 'r' }, 'to'],
      [{ scope: { kind: 'category', category: 'evidence' }, reason: '   ' }, 'reason'],
    ];
    for (const [payload, field] of cases) {
      const answer = await send('POST', '/v1/audit/holds', 'compliance', payload);
      expect([answer.statusCode, answer.json().errors?.[0]?.field]).toEqual([422, field]);
    }
    expect((await send('GET', '/v1/audit/holds?includeReleased=true', 'compliance')).json().items).toHaveLength(before);
  });

  it('refuses advisor and operator (403), and answers another org’s hold as unknown (404)', async () => {
    const hold = (
      await send('POST', '/v1/audit/holds', 'compliance', {
        scope: { kind: 'category', category: 'claim' },
        reason: 'r',
      })
    ).json();
    for (const role of ['advisor', 'operator'] as const) {
      expect(
        (await send('POST', '/v1/audit/holds', role, { scope: { kind: 'category', category: 'x' }, reason: 'r' }))
          .statusCode,
      ).toBe(403);
      expect(
        (await send('PUT', '/v1/audit/retention/classes/claim', role, { regulation: 'finra-4511', reason: 'r' }))
          .statusCode,
      ).toBe(403);
      expect((await send('DELETE', `/v1/audit/holds/${hold.holdId}`, role, { reason: 'r' })).statusCode).toBe(403);
      expect((await send('GET', '/v1/audit/holds', role)).statusCode).toBe(403);
    }
    const other = await send('GET', `/v1/audit/holds/${hold.holdId}`, 'compliance', undefined, 'org-b');
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ code: 'RETENTION.HOLD_NOT_FOUND' });
    const release = await send('DELETE', `/v1/audit/holds/${hold.holdId}`, 'compliance', { reason: 'r' }, 'org-b');
    expect(release.statusCode).toBe(404);
    expect((await send('GET', '/v1/audit/holds', 'compliance', undefined, 'org-b')).json().items).toEqual([]);
    expect((await send('GET', `/v1/audit/holds/${hold.holdId}`, 'compliance')).json().releasedAt).toBeNull();
  });
});
