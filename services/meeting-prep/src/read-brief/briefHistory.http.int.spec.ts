import { BriefSchema, RecordHistorySchema } from '@ledger/contracts';
import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import { ProjectionWaiter } from '@ledger/projections';
import { meetingPrepService } from '../meetingPrep.descriptor';
import { BRIEF_VIEWED } from '../record/briefEvents';
import { MEETING_PREP_PROJECTION } from '../projection/tables';
import { AVERY, MEETING_DATE, seedHousehold } from '../testing/householdNarrative';
import { LedgerFixtures } from '../testing/ledgerFixtures';

let t: HttpTestApp;
let advisor: string;
let compliance: string;
let operator: string;
let advisorB: string;

/** A later change on the brief's stream of a type this service does not know, with a sealed reason. */
const LATER = 'RecordHeld';
const HOLD_REASON = 'litigation hold for the 2026 review';

beforeAll(async () => {
  t = await createHttpTestApp({ services: [meetingPrepService] });
  [advisor, compliance, operator, advisorB] = await Promise.all([
    t.tokenFor('advisor'),
    t.tokenFor('compliance'),
    t.tokenFor('operator'),
    t.tokenFor('advisor', 'org-b'),
  ]);
  const fixtures = new LedgerFixtures(t.ledger, 'org-a');
  await seedHousehold(fixtures);
  await fixtures.settle(new ProjectionWaiter(t.pool, [MEETING_PREP_PROJECTION], { timeoutMs: 10_000 }));
  const composed = await t.app.inject({
    method: 'POST',
    url: '/v1/briefs',
    headers: { authorization: advisor, 'content-type': 'application/json' },
    payload: JSON.stringify({ subjectEntityId: AVERY, meetingDate: MEETING_DATE, briefId: 'b-hist' }),
  });
  expect(composed.statusCode).toBe(201);
  await new Promise((resolve) => setTimeout(resolve, 5));
  await t.ledger.append({
    orgId: 'org-a',
    streamId: 'brief-b-hist',
    expectedRevision: 0,
    events: [
      {
        type: LATER,
        data: { briefId: 'b-hist' },
        personal: { reason: HOLD_REASON },
        metadata: { actor: 'compliance-7' },
      },
    ],
  });
});

afterAll(() => t.close());

const get = (url: string, authorization: string = compliance) =>
  t.app.inject({ method: 'GET', url, headers: { authorization } });
const asOf = (at: string | number, authorization?: string) =>
  get(`/v1/briefs/b-hist?asOf=${encodeURIComponent(new Date(at).toISOString())}`, authorization);
const history = async () => RecordHistorySchema.parse((await get('/v1/briefs/b-hist/history')).json()).items;

describe('GET /v1/briefs/{briefId}/history', () => {
  it('lists the composition and every later change on the brief’s stream, with actor, time and reason', async () => {
    const items = await history();
    expect(
      items.map(({ version, type, actor, reason, reasonState }) => ({ version, type, actor, reason, reasonState })),
    ).toEqual([
      { version: 1, type: 'BriefComposed', actor: 'user-advisor', reason: null, reasonState: 'none' },
      { version: 2, type: LATER, actor: 'compliance-7', reason: HOLD_REASON, reasonState: 'present' },
    ]);
    expect(Date.parse(items[1].at)).toBeGreaterThan(Date.parse(items[0].at));
  });

  it('is org scoped and follows the read’s roles', async () => {
    expect((await get('/v1/briefs/b-hist/history', advisorB)).statusCode).toBe(404);
    expect((await get('/v1/briefs/b-hist/history', operator)).statusCode).toBe(403);
    expect((await get('/v1/briefs/nope/history')).json()).toMatchObject({
      status: 404,
      code: 'MEETING_PREP.BRIEF_NOT_FOUND',
    });
  });
});

describe('GET /v1/briefs/{briefId}?asOf=', () => {
  it('is not found before the brief was composed, and records no view', async () => {
    const [composed] = await history();
    const views = await t.ledger.countEvents('org-a', { types: [BRIEF_VIEWED] });
    const response = await asOf(Date.parse(composed.at) - 1);
    expect(response.json()).toMatchObject({ status: 404, code: 'MEETING_PREP.BRIEF_NOT_FOUND' });
    expect(await t.ledger.countEvents('org-a', { types: [BRIEF_VIEWED] })).toBe(views);
  });

  it('returns the recorded brief from its composition on, as the plain read does, and records the view', async () => {
    const [composed, later] = await history();
    const plain = await get('/v1/briefs/b-hist');
    const views = await t.ledger.countEvents('org-a', { types: [BRIEF_VIEWED] });
    for (const at of [composed.at, later.at, Date.now()]) {
      const response = await asOf(at, advisor);
      expect(response.statusCode).toBe(200);
      expect(BriefSchema.parse(response.json())).toEqual(plain.json());
    }
    expect(await t.ledger.countEvents('org-a', { types: [BRIEF_VIEWED] })).toBe(views + 3);
  });

  it('refuses a malformed asOf with 422 naming the field', async () => {
    const response = await get('/v1/briefs/b-hist?asOf=2026-11-25%2015:00');
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([{ field: 'asOf', rule: expect.stringContaining('RFC 3339') }]);
  });

  it('is org scoped and follows the read’s roles', async () => {
    expect((await asOf(Date.now(), advisorB)).statusCode).toBe(404);
    expect((await asOf(Date.now(), operator)).statusCode).toBe(403);
  });

  it('shows a shredded brief without its texts, and a shredded reason as erased', async () => {
    expect(await t.ledger.shred('org-a', 'brief-b-hist')).toBe(true);
    const [composed] = await history();
    const response = await asOf(composed.at);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ briefId: 'b-hist', personalState: 'erased' });
    expect((await history()).map((entry) => entry.reasonState)).toEqual(['none', 'erased']);
  });
});
