import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import { Retention } from '@ledger/ledger';
import { evidenceService } from '../evidence.descriptor';
import { call, expectProblem } from '../http/httpTestHelpers';

const MESSAGE = {
  messageId: 'm-h1',
  threadId: 'thr-h1',
  internalDate: Date.UTC(2026, 2, 1),
  historyId: 'h-1',
  from: 'avery.quill@example.test',
  to: ['advisor@example.test'],
  cc: [],
  subject: 'Annual review',
  body: 'Please rebalance the IRA ending 4421.',
};
const EDITED = `${MESSAGE.body} Thanks.`;

/** Lets the clock move on, so the next change is recorded at a later millisecond than the last. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

interface Entry {
  version: number;
  type: string;
  actor: string;
  at: string;
  reason: string | null;
  reasonState: string;
  eventId: string;
  schemaVersion: number;
}

describe('evidence HTTP: a document as of a time, and its history', () => {
  let t: HttpTestApp;
  let advisor: string;
  let compliance: string;
  let operator: string;
  let advisorB: string;
  let documentId: string;
  let history: Entry[];

  beforeAll(async () => {
    t = await createHttpTestApp({ services: [evidenceService] });
    [advisor, compliance, operator, advisorB] = await Promise.all([
      t.tokenFor('advisor'),
      t.tokenFor('compliance'),
      t.tokenFor('operator'),
      t.tokenFor('advisor', 'org-b'),
    ]);
    await call(t, 'POST', '/v1/provider-accounts', {
      token: advisor,
      payload: { id: 'acct-1', provider: 'gmail', label: 'Work' },
    });
    const first = await call(t, 'POST', '/v1/documents/ingest', { token: advisor, payload: MESSAGE });
    documentId = first.json().documentId;
    await tick();
    await call(t, 'POST', '/v1/documents/ingest', { token: advisor, payload: { ...MESSAGE, body: EDITED } });
    await tick();
    await call(t, 'DELETE', `/v1/documents/${documentId}?reason=deleted_in_provider`, { token: advisor });
    await tick();
    const back = await call(t, 'POST', '/v1/documents/ingest', {
      token: advisor,
      payload: { ...MESSAGE, body: EDITED },
    });
    expect(back.json()).toMatchObject({ documentId, resurrected: true });
    const response = await call(t, 'GET', `/v1/documents/${documentId}/history`, { token: compliance });
    expect(response.statusCode).toBe(200);
    expect(response.json().streamId).toBe(`evidence-${documentId}`);
    history = response.json().items;
  });
  afterAll(() => t.close());

  const asOf = (at: string | number, token = compliance, extra = '') =>
    call(t, 'GET', `/v1/documents/${documentId}?asOf=${encodeURIComponent(new Date(at).toISOString())}${extra}`, {
      token,
    });

  it('lists the original and every change in order, with actor, time and reason', () => {
    expect(
      history.map(({ version, type, actor, reason, reasonState }) => ({ version, type, actor, reason, reasonState })),
    ).toEqual([
      { version: 1, type: 'DocumentIngested', actor: 'user-advisor', reason: null, reasonState: 'none' },
      { version: 2, type: 'DocumentVersionAdded', actor: 'user-advisor', reason: null, reasonState: 'none' },
      {
        version: 3,
        type: 'DocumentTombstoned',
        actor: 'user-advisor',
        reason: 'deleted_in_provider',
        reasonState: 'present',
      },
      { version: 4, type: 'DocumentResurrected', actor: 'user-advisor', reason: null, reasonState: 'none' },
    ]);
    const times = history.map((entry) => Date.parse(entry.at));
    expect(times.every((time, i) => i === 0 || time > times[i - 1])).toBe(true);
    expect(history.every((entry) => /^[0-9a-f-]{36}$/.test(entry.eventId) && entry.schemaVersion === 1)).toBe(true);
  });

  it('records a deletion without a stated reason as deleted_by_user, and refuses a reason outside the vocabulary', async () => {
    const other = await call(t, 'POST', '/v1/documents/ingest', {
      token: advisor,
      payload: { ...MESSAGE, messageId: 'm-h2' },
    });
    const otherId = other.json().documentId;
    const refused = await call(t, 'DELETE', `/v1/documents/${otherId}?reason=because`, { token: advisor });
    expect(expectProblem(refused, 422).errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    await call(t, 'DELETE', `/v1/documents/${otherId}`, { token: advisor });
    const items = (await call(t, 'GET', `/v1/documents/${otherId}/history`, { token: advisor })).json().items;
    expect(items.map((entry: Entry) => [entry.type, entry.reason])).toEqual([
      ['DocumentIngested', null],
      ['DocumentTombstoned', 'deleted_by_user'],
    ]);
  });

  it('is not found before the document was first ingested', async () => {
    expectProblem(await asOf(Date.parse(history[0].at) - 1), 404, 'EVIDENCE.DOCUMENT_NOT_FOUND');
  });

  it('returns the original as it stood after the first ingest', async () => {
    const response = await asOf(history[0].at);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      documentId,
      tombstoned: false,
      latestVersion: 1,
      versions: [{ version: 1 }],
      content: { version: 1, personalState: 'present', content: MESSAGE.body, title: MESSAGE.subject },
    });
    expect(response.json().versions).toHaveLength(1);
    expectProblem(await asOf(history[0].at, compliance, '&version=2'), 404, 'EVIDENCE.VERSION_NOT_FOUND');
  });

  it('returns the interim versions: edited, then tombstoned', async () => {
    const edited = (await asOf(Date.parse(history[2].at) - 1)).json();
    expect(edited).toMatchObject({ tombstoned: false, latestVersion: 2, content: { version: 2, content: EDITED } });
    const tombstoned = (await asOf(history[2].at, advisor, '&version=1')).json();
    expect(tombstoned).toMatchObject({
      tombstoned: true,
      latestVersion: 2,
      content: { version: 1, content: MESSAGE.body },
    });
  });

  it('after the last change, returns what the plain read returns', async () => {
    const now = await asOf(Date.now());
    const plain = await call(t, 'GET', `/v1/documents/${documentId}`, { token: compliance });
    expect(now.statusCode).toBe(200);
    expect(now.json()).toEqual(plain.json());
    expect(now.json()).toMatchObject({ tombstoned: false, latestVersion: 2 });
  });

  it('refuses a malformed asOf with 422 naming the field', async () => {
    for (const bad of [
      'yesterday',
      '2026-12-01',
      '2026-02-30T10:00:00Z',
      '2026-12-01T10:00:00',
      '2026-12-01T25:00:00Z',
    ]) {
      const response = await call(t, 'GET', `/v1/documents/${documentId}?asOf=${encodeURIComponent(bad)}`, {
        token: compliance,
      });
      const problem = expectProblem(response, 422);
      expect(problem.errors).toEqual([{ field: 'asOf', rule: expect.stringContaining('RFC 3339') }]);
    }
    const offset = await call(
      t,
      'GET',
      `/v1/documents/${documentId}?asOf=${encodeURIComponent('2999-01-01T01:00:00.5+01:00')}`,
      {
        token: compliance,
      },
    );
    expect(offset.statusCode).toBe(200);
  });

  it('is org scoped: another org gets 404, and the operator role 403, as for the plain read', async () => {
    expectProblem(await asOf(Date.now(), advisorB), 404, 'EVIDENCE.DOCUMENT_NOT_FOUND');
    expectProblem(
      await call(t, 'GET', `/v1/documents/${documentId}/history`, { token: advisorB }),
      404,
      'EVIDENCE.DOCUMENT_NOT_FOUND',
    );
    expectProblem(await asOf(Date.now(), operator), 403);
    expectProblem(await call(t, 'GET', `/v1/documents/${documentId}/history`, { token: operator }), 403);
    expectProblem(await call(t, 'GET', '/v1/documents/nope/history', { token: advisor }), 404);
  });

  it('lists the retention classes and legal holds that concern the document, with actor, time and reason', async () => {
    const retention = new Retention({ pool: t.pool, ledger: t.ledger });
    await retention.setClass('org-a', {
      category: 'evidence',
      regulation: 'sec-17a-4',
      actor: 'compliance-9',
      reason: 'books and records',
    });
    await retention.setClass('org-a', {
      category: 'claim',
      regulation: 'finra-4511',
      actor: 'compliance-9',
      reason: 'x',
    });
    const held = await retention.placeHold('org-a', {
      scope: { kind: 'stream', streamId: `evidence-${documentId}` },
      actor: 'compliance-9',
      reason: 'subpoena 7',
    });
    await retention.placeHold('org-a', {
      scope: { kind: 'stream', streamId: 'evidence-another' },
      actor: 'compliance-9',
      reason: 'another matter',
    });
    await retention.releaseHold('org-a', held.holdId, { actor: 'compliance-8', reason: 'subpoena answered' });
    const response = await call(t, 'GET', `/v1/documents/${documentId}/history`, { token: advisor });
    expect(response.json().items).toEqual(history);
    expect(
      response.json().compliance.map(({ streamId, type, actor, reason, reasonState }: Record<string, unknown>) => ({
        streamId,
        type,
        actor,
        reason,
        reasonState,
      })),
    ).toEqual([
      {
        streamId: 'audit-compliance',
        type: 'RetentionClassSet',
        actor: 'compliance-9',
        reason: 'books and records',
        reasonState: 'present',
      },
      {
        streamId: 'audit-compliance',
        type: 'LegalHoldPlaced',
        actor: 'compliance-9',
        reason: 'subpoena 7',
        reasonState: 'present',
      },
      {
        streamId: 'audit-compliance',
        type: 'LegalHoldReleased',
        actor: 'compliance-8',
        reason: 'subpoena answered',
        reasonState: 'present',
      },
    ]);
    expect(response.json().compliance[1].data).toMatchObject({ holdId: held.holdId, scope: 'stream' });
  });

  it('shows shredded text as erased, its history intact', async () => {
    expect(await t.ledger.shred('org-a', `evidence-${documentId}`)).toBe(true);
    const response = await asOf(history[0].at);
    expect(response.statusCode).toBe(200);
    expect(response.json().content).toEqual({
      documentVersionId: `${documentId}:v1`,
      version: 1,
      personalState: 'erased',
    });
    const after = (await call(t, 'GET', `/v1/documents/${documentId}/history`, { token: compliance })).json();
    expect(after.items).toEqual(history);
    expect(after.compliance).toHaveLength(3);
  });
});
