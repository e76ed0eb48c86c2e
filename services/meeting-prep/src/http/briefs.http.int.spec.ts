import { BriefPageSchema, BriefSchema } from '@ledger/contracts';
import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import { ProjectionWaiter } from '@ledger/projections';
import { DISCLAIMER } from '../brief/disclaimer';
import { meetingPrepService } from '../meetingPrep.descriptor';
import { BRIEF_VIEWED } from '../record/briefEvents';
import { MEETING_PREP_PROJECTION } from '../projection/tables';
import { AVERY, MEETING_DATE, PERSONAL_STRINGS, seedHousehold } from '../testing/householdNarrative';
import { LedgerFixtures } from '../testing/ledgerFixtures';

let t: HttpTestApp;
let advisor: string;
let compliance: string;

beforeAll(async () => {
  t = await createHttpTestApp({ services: [meetingPrepService], bodyLimit: 8192 });
  advisor = await t.tokenFor('advisor');
  compliance = await t.tokenFor('compliance');
  const fixtures = new LedgerFixtures(t.ledger, 'org-a');
  await seedHousehold(fixtures);
  await fixtures.settle(new ProjectionWaiter(t.pool, [MEETING_PREP_PROJECTION], { timeoutMs: 10_000 }));
});

afterAll(() => t.close());

const compose = (payload: unknown, authorization: string | null = advisor) =>
  t.app.inject({
    method: 'POST',
    url: '/v1/briefs',
    headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/json' },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

const get = (url: string, authorization: string | null = advisor) =>
  t.app.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });

const valid = { subjectEntityId: AVERY, meetingDate: MEETING_DATE, briefId: 'b-http' };

function briefViews(orgId: string): Promise<number> {
  return t.ledger.countEvents(orgId, { types: [BRIEF_VIEWED] });
}

describe('POST /v1/briefs', () => {
  it('composes and records a brief: 201, the contract’s shape, disclaimer, every bullet cited', async () => {
    const response = await compose(valid);
    expect(response.statusCode).toBe(201);
    const body = BriefSchema.parse(response.json());
    expect(body).toMatchObject({ briefId: 'b-http', orgId: 'org-a', personalState: 'present', disclaimer: DISCLAIMER });
    const bullets = body.sections.flatMap((s) => s.bullets);
    expect(bullets.length).toBeGreaterThan(5);
    expect(bullets.every((b) => b.citations.length > 0)).toBe(true);
    expect(body.sections.map((s) => s.bullets.length > 0)).toEqual([true, true, true, true]);
  });

  it('returns the stored brief for an identical retry and 409 for other content under the same id', async () => {
    const first = await get('/v1/briefs/b-http');
    const retry = await compose(valid);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    const before = await t.eventCount();
    const conflict = await compose({ ...valid, window: { daysBefore: 1, daysAfter: 1 } });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({
      code: 'MEETING_PREP.BRIEF_EXISTS',
      errors: [{ field: 'briefId', rule: 'must not name an existing brief' }],
      briefId: 'b-http',
    });
    expect(await t.eventCount()).toBe(before);
  });

  it.each([
    ['malformed JSON', '{"subjectEntityId": ', 400, 'REQUEST.MALFORMED', null],
    ['an oversized body', { ...valid, pad: 'x'.repeat(10_000) }, 413, 'REQUEST.TOO_LARGE', null],
    ['a missing field', { meetingDate: MEETING_DATE }, 422, 'REQUEST.INVALID_INPUT', 'subjectEntityId'],
    ['an unknown field', { ...valid, briefId: 'b-u', extra: 1 }, 422, 'REQUEST.INVALID_INPUT', 'extra'],
    [
      'an unknown window field',
      { ...valid, briefId: 'b-u', window: { daysBefore: 1, daysAfter: 1, weeks: 2 } },
      422,
      'REQUEST.INVALID_INPUT',
      'window.weeks',
    ],
    ['a wrong type', { ...valid, subjectEntityId: 5 }, 422, 'REQUEST.INVALID_INPUT', 'subjectEntityId'],
    [
      'a wrong window type',
      { ...valid, window: { daysBefore: '3', daysAfter: 1 } },
      422,
      'REQUEST.INVALID_INPUT',
      'window.daysBefore',
    ],
    ['a day that does not exist', { ...valid, meetingDate: '2025-02-30' }, 422, 'REQUEST.INVALID_INPUT', 'meetingDate'],
    [
      'a window too wide',
      { ...valid, window: { daysBefore: 367, daysAfter: 0 } },
      422,
      'REQUEST.INVALID_INPUT',
      'window.daysBefore',
    ],
    ['an id that cannot name a stream', { ...valid, briefId: '../etc' }, 422, 'REQUEST.INVALID_INPUT', 'briefId'],
    ['an array body', [valid], 422, 'REQUEST.INVALID_INPUT', null],
    [
      'an unknown subject',
      { ...valid, briefId: 'b-u', subjectEntityId: 'nobody' },
      404,
      'MEETING_PREP.SUBJECT_NOT_FOUND',
      'subjectEntityId',
    ],
    [
      'a subject that is an account',
      { ...valid, briefId: 'b-u', subjectEntityId: 'acct-ira' },
      422,
      'MEETING_PREP.INVALID_SUBJECT',
      'subjectEntityId',
    ],
  ])('refuses %s, persisting nothing', async (_name, payload, status, code, field) => {
    const before = await t.eventCount();
    const response = await compose(payload);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status, code });
    if (field) expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses a missing token (401), a role that may not compose (403), and another org’s subject (404)', async () => {
    const before = [await t.eventCount('org-a'), await t.eventCount('org-b')];
    expect((await compose({ ...valid, briefId: 'b-r' }, null)).statusCode).toBe(401);
    expect((await compose({ ...valid, briefId: 'b-r' }, compliance)).json()).toMatchObject({
      status: 403,
      code: 'TENANCY.FORBIDDEN',
    });
    expect((await compose({ ...valid, briefId: 'b-r' }, await t.tokenFor('operator'))).statusCode).toBe(403);
    const foreign = await compose({ ...valid, briefId: 'b-r' }, await t.tokenFor('advisor', 'org-b'));
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ code: 'MEETING_PREP.SUBJECT_NOT_FOUND' });
    expect([await t.eventCount('org-a'), await t.eventCount('org-b')]).toEqual(before);
  });
});

describe('GET /v1/briefs/:briefId', () => {
  it('returns the recorded brief to advisors and compliance and records each read', async () => {
    const views = await briefViews('org-a');
    const response = await get('/v1/briefs/b-http', compliance);
    expect(response.statusCode).toBe(200);
    expect(BriefSchema.parse(response.json()).disclaimer).toBe(DISCLAIMER);
    expect(await briefViews('org-a')).toBe(views + 1);
    const today = `briefaccess-${new Date().toISOString().slice(0, 10)}`;
    const latest = await t.ledger.readStream('org-a', today, { direction: 'backward' }).next();
    expect(latest.done).toBe(false);
    expect(latest.value).toMatchObject({ type: BRIEF_VIEWED, streamId: today, metadata: { actor: 'user-compliance' } });
  });

  it('answers 401 / 403 / 404 / 422 where they belong, recording no read', async () => {
    const views = await briefViews('org-a');
    expect((await get('/v1/briefs/b-http', null)).statusCode).toBe(401);
    expect((await get('/v1/briefs/b-http', await t.tokenFor('operator'))).statusCode).toBe(403);
    const foreign = await get('/v1/briefs/b-http', await t.tokenFor('advisor', 'org-b'));
    const missing = await get('/v1/briefs/b-nothing');
    expect([foreign.statusCode, missing.statusCode]).toEqual([404, 404]);
    expect(foreign.json().code).toBe('MEETING_PREP.BRIEF_NOT_FOUND');
    expect({ ...foreign.json(), requestId: null, detail: null }).toEqual({
      ...missing.json(),
      briefId: 'b-http',
      requestId: null,
      detail: null,
    });
    const bad = await get('/v1/briefs/bad%20id');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('briefId');
    expect(await briefViews('org-a')).toBe(views);
    expect(await briefViews('org-b')).toBe(0);
  });
});

describe('GET /v1/briefs?subjectEntityId=', () => {
  it('lists a subject’s briefs for advisors and compliance', async () => {
    const response = await get(`/v1/briefs?subjectEntityId=${AVERY}&limit=10`, compliance);
    expect(response.statusCode).toBe(200);
    const page = BriefPageSchema.parse(response.json());
    expect(page.items.map((i) => i.briefId)).toEqual(['b-http']);
    expect(page.nextCursor).toBeNull();
  });

  it.each([
    ['no subject', '/v1/briefs', 422, 'subjectEntityId'],
    ['an unknown parameter', `/v1/briefs?subjectEntityId=${AVERY}&sort=asc`, 422, 'sort'],
    ['a limit of 0', `/v1/briefs?subjectEntityId=${AVERY}&limit=0`, 422, 'limit'],
    ['a limit that is not a number', `/v1/briefs?subjectEntityId=${AVERY}&limit=ten`, 422, 'limit'],
    ['a forged cursor', `/v1/briefs?subjectEntityId=${AVERY}&cursor=abc`, 422, 'cursor'],
    ['an unknown subject', '/v1/briefs?subjectEntityId=nobody', 404, 'subjectEntityId'],
  ])('refuses %s', async (_name, url, status, field) => {
    const response = await get(url);
    expect(response.statusCode).toBe(status);
    expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('treats another org’s subject as unknown and refuses the operator role', async () => {
    expect((await get(`/v1/briefs?subjectEntityId=${AVERY}`, await t.tokenFor('compliance', 'org-b'))).statusCode).toBe(
      404,
    );
    expect((await get(`/v1/briefs?subjectEntityId=${AVERY}`, await t.tokenFor('operator'))).statusCode).toBe(403);
  });
});

it('logs no personal data', () => {
  const logged = t.logLines.join('\n');
  expect(logged.length).toBeGreaterThan(0);
  for (const text of PERSONAL_STRINGS) expect(logged).not.toContain(text);
});
