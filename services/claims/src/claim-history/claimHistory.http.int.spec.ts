import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import { ProjectionWaiter } from '@ledger/projections';
import type { Role } from '@ledger/tenancy';
import { claimsService } from '../claims.descriptor';
import { CLAIMS_PROJECTION_NAME } from '../projection/claimsProjection';

const ORG = 'org-a';
const EMAIL = 'avery.private@example.test';
const FIXED = 'avery.quinn@example.test';

/** Lets the clock move on, so the next change is recorded at a later millisecond than the last. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

interface Entry {
  version: number;
  type: string;
  actor: string;
  at: string;
  reason: string | null;
  reasonState: string;
}

describe('claims over HTTP: a claim as of a time, and its history', () => {
  let t: HttpTestApp;
  const tokens = new Map<string, string>();

  async function call(
    url: string,
    role: Role = 'compliance',
    orgId = ORG,
    method: 'GET' | 'POST' = 'GET',
    payload?: unknown,
  ) {
    const key = `${role}@${orgId}`;
    if (!tokens.has(key)) tokens.set(key, await t.tokenFor(role, orgId, `${role}-1`));
    const headers: Record<string, string> = { authorization: tokens.get(key)! };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    return t.app.inject({ method, url, headers, payload: payload === undefined ? undefined : JSON.stringify(payload) });
  }

  async function post(url: string, payload: unknown, status: number) {
    const response = await call(url, 'advisor', ORG, 'POST', payload);
    expect({ status: response.statusCode, body: response.json() }).toEqual({ status, body: expect.anything() });
  }

  const history = async (claimId: string): Promise<Entry[]> =>
    (await call(`/v1/claims/${claimId}/history`)).json().items;
  const asOf = (claimId: string, at: string | number, role: Role = 'compliance', orgId = ORG) =>
    call(`/v1/claims/${claimId}?asOf=${encodeURIComponent(new Date(at).toISOString())}`, role, orgId);
  const before = (at: string) => Date.parse(at) - 1;

  beforeAll(async () => {
    t = await createHttpTestApp({ services: [claimsService] });
    const waiter = new ProjectionWaiter(t.pool, [CLAIMS_PROJECTION_NAME]);
    const { positions } = await t.ledger.append({
      orgId: ORG,
      streamId: 'evidence-doc-1',
      expectedRevision: 'no_stream',
      events: [
        {
          type: 'DocumentIngested',
          data: {
            documentId: 'doc-1',
            documentVersionId: 'doc-1:v1',
            version: 1,
            providerAccountId: 'pa-1',
            messageId: 'm-1',
          },
          personal: { title: 'Subject', content: `Hello ${EMAIL}` },
          metadata: { actor: 'evidence-fixture' },
        },
        {
          type: 'SpanPinned',
          data: {
            spanId: 's-1',
            documentId: 'doc-1',
            documentVersionId: 'doc-1:v1',
            startChar: 6,
            endChar: 6 + EMAIL.length,
          },
          personal: { text: EMAIL },
          metadata: { actor: 'evidence-fixture' },
        },
      ],
    });
    expect(await waiter.waitFor(ORG, positions)).toBe(true);
    await post('/v1/entities', { entityId: 'client-1', kind: 'Client', label: 'Avery Quinn' }, 201);
    await post(
      '/v1/claims',
      {
        claimId: 'c-1',
        subjectEntityId: 'client-1',
        predicate: 'emailAddress',
        object: { kind: 'literal', value: EMAIL },
        spanIds: ['s-1'],
      },
      201,
    );
    await tick();
    await post(
      '/v1/claims/c-1/supersede',
      {
        reason: 'typo in the address',
        replacement: {
          claimId: 'c-2',
          predicate: 'emailAddress',
          object: { kind: 'literal', value: FIXED },
          spanIds: ['s-1'],
        },
      },
      201,
    );
    await tick();
    await post('/v1/claims/c-2/retract', { reason: 'the client closed this mailbox' }, 200);
  });
  afterAll(() => t.close());

  it('lists the original and each change with actor, time and reason', async () => {
    const c1 = await history('c-1');
    expect(
      c1.map(({ version, type, actor, reason, reasonState }) => ({ version, type, actor, reason, reasonState })),
    ).toEqual([
      { version: 1, type: 'ClaimAsserted', actor: 'advisor-1', reason: null, reasonState: 'none' },
      {
        version: 2,
        type: 'ClaimSuperseded',
        actor: 'advisor-1',
        reason: 'typo in the address',
        reasonState: 'present',
      },
    ]);
    const c2 = await history('c-2');
    expect(c2.map((entry) => [entry.version, entry.type, entry.reason])).toEqual([
      [1, 'ClaimAsserted', null],
      [2, 'ClaimRetracted', 'the client closed this mailbox'],
    ]);
    expect(Date.parse(c2[1].at)).toBeGreaterThan(Date.parse(c2[0].at));
    expect(Date.parse(c2[0].at)).toBeGreaterThan(Date.parse(c1[0].at));
  });

  it('is not found before the claim was asserted', async () => {
    const [asserted] = await history('c-1');
    const response = await asOf('c-1', before(asserted.at));
    expect({ status: response.statusCode, code: response.json().code }).toEqual({
      status: 404,
      code: 'CLAIMS.CLAIM_NOT_FOUND',
    });
  });

  it('returns the interim version: current before it was superseded, with its literal', async () => {
    const [asserted, superseded] = await history('c-1');
    for (const at of [asserted.at, before(superseded.at)]) {
      const response = await asOf('c-1', at, 'advisor');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        claimId: 'c-1',
        status: 'current',
        supersededBy: null,
        reason: null,
        reasonState: 'none',
        revision: 0,
        object: { kind: 'literal', value: EMAIL, valueState: 'present' },
        history: [{ type: 'asserted', actor: 'advisor-1', at: asserted.at }],
      });
      expect(response.json().history).toHaveLength(1);
    }
    const c2 = await history('c-2');
    expect((await asOf('c-2', before(c2[1].at))).json()).toMatchObject({ status: 'current', supersedes: 'c-1' });
  });

  it('after the last change, returns what the plain read returns', async () => {
    for (const claimId of ['c-1', 'c-2']) {
      const now = await asOf(claimId, Date.now());
      const plain = await call(`/v1/claims/${claimId}`);
      expect(now.statusCode).toBe(200);
      expect(now.json()).toEqual(plain.json());
    }
    expect((await asOf('c-2', Date.now())).json()).toMatchObject({
      status: 'retracted',
      reason: 'the client closed this mailbox',
      reasonState: 'present',
      revision: 1,
    });
  });

  it('refuses a supersession or retraction without a reason: 422 naming reason, nothing appended', async () => {
    await post(
      '/v1/claims',
      {
        claimId: 'c-3',
        subjectEntityId: 'client-1',
        predicate: 'emailAddress',
        object: { kind: 'literal', value: FIXED },
        spanIds: ['s-1'],
      },
      201,
    );
    const before = await t.eventCount(ORG);
    for (const [url, payload] of [
      ['/v1/claims/c-3/retract', {}],
      ['/v1/claims/c-3/retract', { reason: '' }],
      [
        '/v1/claims/c-3/supersede',
        { replacement: { predicate: 'emailAddress', object: { kind: 'literal', value: EMAIL }, spanIds: ['s-1'] } },
      ],
    ] as const) {
      const response = await call(url, 'advisor', ORG, 'POST', payload);
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    }
    expect(await t.eventCount(ORG)).toBe(before);
    expect((await history('c-3')).map((entry) => entry.type)).toEqual(['ClaimAsserted']);
  });

  it('refuses a malformed asOf with 422 naming the field', async () => {
    const response = await call('/v1/claims/c-1?asOf=2026-13-01T00:00:00Z');
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([{ field: 'asOf', rule: expect.stringContaining('RFC 3339') }]);
  });

  it('is org scoped (404 in another org) and follows the plain read’s roles (operator 403)', async () => {
    expect((await asOf('c-1', Date.now(), 'advisor', 'org-b')).statusCode).toBe(404);
    expect((await call('/v1/claims/c-1/history', 'advisor', 'org-b')).statusCode).toBe(404);
    expect((await asOf('c-1', Date.now(), 'operator')).statusCode).toBe(403);
    expect((await call('/v1/claims/c-1/history', 'operator')).statusCode).toBe(403);
  });

  it('shows a shredded literal and reason as erased, not as errors', async () => {
    expect(await t.ledger.shred(ORG, 'claim-c-1')).toBe(true);
    const entries = await history('c-1');
    expect(entries.map((entry) => entry.reasonState)).toEqual(['none', 'erased']);
    const then = await asOf('c-1', Date.now());
    expect(then.statusCode).toBe(200);
    expect(then.json()).toMatchObject({
      status: 'superseded',
      supersededBy: 'c-2',
      reason: null,
      reasonState: 'erased',
      object: { kind: 'literal', value: null, valueState: 'erased' },
    });
    expect(t.logLines.join('\n')).not.toContain(EMAIL);
  });
});
