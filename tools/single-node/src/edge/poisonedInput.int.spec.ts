import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import { SERVICES } from '@ledger/registry';
import { send, stoppedProjections } from './edgeTestKit';

const MESSAGE = {
  providerAccountId: 'acct-1',
  messageId: 'm-1',
  threadId: 'thr-1',
  internalDate: Date.UTC(2026, 2, 1),
  historyId: '4242',
  from: 'avery.quill@example.test',
  to: ['advisor@example.test'],
  subject: 'Annual review',
  body: 'Please rebalance the IRA ending 4421.',
};

/** The first validation error of a 422 problem. */
function firstError(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) {
  expect(response.statusCode).toBe(422);
  expect(response.headers['content-type']).toContain('application/problem+json');
  return (response.json() as { errors: Array<{ field: string; rule: string }> }).errors[0];
}

describe('inputs that cannot poison a read model (issue 17, item 1)', () => {
  let t: HttpTestApp;
  let advisor: string;
  let compliance: string;

  beforeAll(async () => {
    t = await createHttpTestApp({ services: SERVICES });
    [advisor, compliance] = await Promise.all([t.tokenFor('advisor'), t.tokenFor('compliance')]);
    const account = await send(t, 'POST', '/v1/provider-accounts', advisor, {
      id: 'acct-1',
      provider: 'gmail',
      label: 'Work',
    });
    expect(account.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it.each([
    ['messageId', { messageId: 'm1\u0000x' }],
    ['threadId', { threadId: 'm1\u0000x' }],
    ['historyId', { historyId: '42\u000042' }],
    ['subject', { subject: 'Review \u0000' }],
    ['body', { body: 'half a pair \ud800 here' }],
    ['to.0', { to: ['a\udc00@example.test'] }],
    ['labels.0', { labels: ['INBOX\u0000'] }],
  ])('refuses a NUL or lone surrogate in %s with 422 naming it, and appends nothing', async (field, change) => {
    const before = await t.eventCount();
    const error = firstError(await send(t, 'POST', '/v1/documents/ingest', advisor, { ...MESSAGE, ...change }));
    expect(error.field).toBe(field);
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses provider ids outside their published pattern', async () => {
    const error = firstError(
      await send(t, 'POST', '/v1/documents/ingest', advisor, { ...MESSAGE, messageId: 'm 1/../x' }),
    );
    expect(error).toMatchObject({ field: 'messageId' });
    expect(error.rule).toContain('must be');
  });

  it('refuses an internalDate later than a date can hold (a brief over it answered 500)', async () => {
    const error = firstError(
      await send(t, 'POST', '/v1/documents/ingest', advisor, { ...MESSAGE, internalDate: 8.64e15 + 1 }),
    );
    expect(error.field).toBe('internalDate');
  });

  it('answers NUL in a path or query value with 422, never 500', async () => {
    expect(firstError(await send(t, 'GET', '/v1/threads/%00', advisor)).field).toBe('threadId');
    expect(firstError(await send(t, 'GET', '/v1/audit/events?actor=a%00b', compliance)).field).toBe('actor');
    expect(firstError(await send(t, 'GET', '/v1/documents/d%00', advisor)).field).toBe('documentId');
    expect(firstError(await send(t, 'GET', '/v1/claims?subjectEntityId=e%00', advisor)).field).toBe('subjectEntityId');
  });

  it('keeps every projection running: the next document of the org is read at once', async () => {
    const ingested = await send(t, 'POST', '/v1/documents/ingest', advisor, MESSAGE);
    expect(ingested.statusCode).toBe(201);
    const read = await send(t, 'GET', `/v1/documents/${ingested.json().documentId}`, advisor);
    expect(read.statusCode).toBe(200);
    expect((await send(t, 'GET', '/v1/threads/thr-1', advisor)).statusCode).toBe(200);
    expect(await stoppedProjections(t)).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
  });
});
