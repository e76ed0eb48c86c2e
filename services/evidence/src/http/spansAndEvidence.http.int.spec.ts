import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import { ProjectionWaiter } from '@ledger/projections';
import type { NewEvent } from '@ledger/ledger';
import { evidenceService } from '../evidence.descriptor';
import { EVIDENCE_LISTED } from '../list-evidence/evidenceAccess';
import { EVIDENCE_PROJECTION_NAME } from '../projection/evidenceProjection';
import { call, expectProblem } from './httpTestHelpers';

const BODY = 'Avery and Jordan Quill share a household. Avery holds an IRA ending 4421.';
const MESSAGE = {
  providerAccountId: 'acct-1',
  messageId: 'm-1',
  threadId: 'thr-1',
  internalDate: Date.UTC(2026, 2, 1),
  historyId: 'h-1',
  from: 'avery.quill@example.test',
  to: ['advisor@example.test'],
  subject: 'Household',
  body: BODY,
};

interface Span {
  spanId: string;
  documentId: string;
  documentVersionId: string;
  startChar: number;
  endChar: number;
  text: string;
}

describe('evidence HTTP: spans and Evidence.List', () => {
  let t: HttpTestApp;
  let advisor: string;
  let compliance: string;
  let operator: string;
  let advisorB: string;
  let doc: { documentId: string; documentVersionId: string };
  let household: Span;
  let ira: Span;

  const pinBody = (text: string, content = BODY, version = doc) => ({
    documentId: version.documentId,
    documentVersionId: version.documentVersionId,
    startChar: content.indexOf(text),
    endChar: content.indexOf(text) + text.length,
    text,
  });
  const ref = ({ spanId, documentId, documentVersionId, startChar, endChar }: Span) => ({
    spanId,
    documentId,
    documentVersionId,
    startChar,
    endChar,
  });
  /** Another service's events, appended as it would, then waited for. */
  const append = async (streamId: string, events: Omit<NewEvent, 'metadata'>[], orgId = 'org-a') => {
    const { positions } = await t.ledger.append({
      orgId,
      streamId,
      expectedRevision: 'any',
      events: events.map((e) => ({ ...e, metadata: { actor: 'other-service' } })),
    });
    await new ProjectionWaiter(t.pool, [EVIDENCE_PROJECTION_NAME]).waitFor(orgId, positions);
  };
  const accessEvents = (orgId = 'org-a') => t.ledger.countEvents(orgId, { types: [EVIDENCE_LISTED] });

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
    doc = (await call(t, 'POST', '/v1/documents/ingest', { token: advisor, payload: MESSAGE })).json();
    const pinned = await call(t, 'POST', '/v1/spans', {
      token: advisor,
      payload: pinBody('Avery and Jordan Quill share a household'),
    });
    expect(pinned.statusCode).toBe(201);
    household = pinned.json();
    ira = (await call(t, 'POST', '/v1/spans', { token: advisor, payload: pinBody('IRA ending 4421') })).json();
    await append('entity-client-1', [
      { type: 'EntityCreated', data: { entityId: 'client-1', kind: 'Client' }, personal: { label: 'Avery Quill' } },
      { type: 'MentionAdded', data: { entityId: 'client-1', mentionId: 'men-1', span: ref(household) } },
    ]);
    await append('claim-c1', [
      {
        type: 'ClaimAsserted',
        data: {
          claimId: 'c1',
          subjectEntityId: 'client-1',
          predicate: 'holdsAccount',
          object: { kind: 'entity', entityId: 'ira-1' },
          citations: [ref(ira)],
          supersedes: null,
        },
      },
    ]);
    await append('brief-b1', [
      {
        type: 'BriefComposed',
        data: {
          briefId: 'b1',
          bullets: [
            {
              bulletId: 'b1:b0',
              bulletIndex: 0,
              section: 'summary',
              citations: [{ kind: 'claim', claimId: 'c1', claimRevision: 0, spans: [ref(ira)] }],
            },
          ],
        },
        personal: { brief: {} },
      },
    ]);
  });
  afterAll(() => t.close());

  it('pins a span (201) and reads it back', async () => {
    expect(household).toMatchObject({
      text: 'Avery and Jordan Quill share a household',
      startChar: 0,
      versionIsCurrent: true,
    });
    const read = await call(t, 'GET', `/v1/spans/${household.spanId}`, { token: compliance });
    expect(read.json()).toEqual(household);
  });

  it('pins once under a client-chosen spanId: a retry answers the same span and appends nothing', async () => {
    const own = (
      await call(t, 'POST', '/v1/documents/ingest', { token: advisor, payload: { ...MESSAGE, messageId: 'm-idem' } })
    ).json();
    const body = { ...pinBody('IRA ending 4421', BODY, own), spanId: 'span-client-1' };
    const first = await call(t, 'POST', '/v1/spans', { token: advisor, payload: body });
    expect(first.statusCode).toBe(201);
    const before = await t.eventCount();
    const again = await call(t, 'POST', '/v1/spans', { token: advisor, payload: body });
    expect({ status: again.statusCode, body: again.json() }).toEqual({ status: 201, body: first.json() });
    expect(await t.eventCount()).toBe(before);
    expect((await call(t, 'GET', '/v1/spans/span-client-1', { token: compliance })).json()).toEqual(first.json());
    const moved = await call(t, 'POST', '/v1/spans', {
      token: advisor,
      payload: { ...pinBody('household', BODY, own), spanId: 'span-client-1' },
    });
    expectProblem(moved, 409, 'EVIDENCE.SPAN_ID_CONFLICT');
    const elsewhere = await call(t, 'POST', '/v1/spans', {
      token: advisor,
      payload: { ...pinBody('IRA ending 4421'), spanId: 'span-client-1' },
    });
    expectProblem(elsewhere, 409, 'EVIDENCE.SPAN_ID_CONFLICT');
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses a span on a tombstoned document with 409 EVIDENCE.DOCUMENT_TOMBSTONED, appending nothing', async () => {
    const gone = (
      await call(t, 'POST', '/v1/documents/ingest', { token: advisor, payload: { ...MESSAGE, messageId: 'm-gone' } })
    ).json();
    expect((await call(t, 'DELETE', `/v1/documents/${gone.documentId}`, { token: advisor })).statusCode).toBe(200);
    const before = await t.eventCount();
    const refused = await call(t, 'POST', '/v1/spans', {
      token: advisor,
      payload: pinBody('IRA ending 4421', BODY, gone),
    });
    const problem = expectProblem(refused, 409, 'EVIDENCE.DOCUMENT_TOMBSTONED');
    expect(problem.errors).toEqual([{ field: 'documentId', rule: 'must name a document that is not tombstoned' }]);
    expect(await t.eventCount()).toBe(before);
  });

  it('serves Evidence.List for each filter and records each call', async () => {
    const before = await accessEvents();
    const byEntity = await call(t, 'GET', '/v1/evidence?entityId=client-1', { token: compliance });
    expect(byEntity.statusCode).toBe(200);
    expect(byEntity.json().items.map((i: { kind: string }) => i.kind)).toEqual(['mention', 'relation']);
    const byClaim = await call(t, 'GET', '/v1/evidence?claimId=c1', { token: advisor });
    expect(byClaim.json()).toEqual({
      items: [
        {
          documentId: doc.documentId,
          documentVersionId: doc.documentVersionId,
          startChar: ira.startChar,
          endChar: ira.endChar,
          text: 'IRA ending 4421',
          erased: false,
          kind: 'relation',
          source: { claimId: 'c1', spanId: ira.spanId },
        },
      ],
      nextCursor: null,
    });
    const byBullet = await call(t, 'GET', '/v1/evidence?meetingPrepBulletId=b1%3Ab0', { token: advisor });
    expect(byBullet.json().items).toEqual([
      expect.objectContaining({
        kind: 'bullet',
        text: 'IRA ending 4421',
        source: { claimId: 'c1', meetingPrepBulletId: 'b1:b0', spanId: ira.spanId },
      }),
    ]);
    const page1 = await call(t, 'GET', `/v1/evidence?documentId=${doc.documentId}&limit=2`, { token: advisor });
    expect(page1.json().items).toHaveLength(2);
    const cursor = page1.json().nextCursor as string;
    const page2 = await call(t, 'GET', `/v1/evidence?documentId=${doc.documentId}&limit=2&cursor=${cursor}`, {
      token: advisor,
    });
    expect(page2.json()).toEqual({ items: [expect.objectContaining({ kind: 'bullet' })], nextCursor: null });
    expect(await accessEvents()).toBe(before + 5);
    const streamId = `evidenceaccess-${new Date().toISOString().slice(0, 10)}`;
    const latest = await t.ledger.readStream('org-a', streamId, { direction: 'backward' }).next();
    expect(latest.value).toMatchObject({
      type: 'EvidenceListed',
      data: { filter: { kind: 'document', id: doc.documentId }, items: 1, documentVersionIds: [doc.documentVersionId] },
      metadata: { actor: 'user-advisor' },
    });
  });

  it('reports stale spans after a new version, with suggestions', async () => {
    const v2 = (
      await call(t, 'POST', '/v1/documents/ingest', {
        token: advisor,
        payload: { ...MESSAGE, body: `Update. ${BODY}` },
      })
    ).json();
    const report = await call(t, 'GET', `/v1/documents/${doc.documentId}/stale-spans`, { token: compliance });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({
      latestDocumentVersionId: v2.documentVersionId,
      spans: [
        { spanId: household.spanId, suggestion: { documentVersionId: v2.documentVersionId, startChar: 8 } },
        { spanId: ira.spanId, suggestion: { startChar: ira.startChar + 8 } },
      ],
    });
    const read = await call(t, 'GET', `/v1/spans/${ira.spanId}`, { token: advisor });
    expect(read.json()).toMatchObject({ documentVersionId: doc.documentVersionId, versionIsCurrent: false });
  });

  describe('refused span writes persist nothing', () => {
    type Case = [name: string, token: () => string | undefined, payload: () => unknown, status: number, code?: string];
    const cases: Case[] = [
      ['malformed JSON', () => advisor, () => '{"documentId"', 400, 'REQUEST.MALFORMED'],
      ['oversized body', () => advisor, () => ({ ...pinBody('Avery'), text: 'x'.repeat(1024 * 1024 + 1) }), 413],
      ['wrong type', () => advisor, () => ({ ...pinBody('Avery'), startChar: '0' }), 422],
      ['missing text', () => advisor, () => ({ ...pinBody('Avery'), text: undefined }), 422],
      ['unknown field', () => advisor, () => ({ ...pinBody('Avery'), note: 'x' }), 422],
      ['negative offset', () => advisor, () => ({ ...pinBody('Avery'), startChar: -1 }), 422],
      [
        'text that differs',
        () => advisor,
        () => ({ ...pinBody('Avery'), text: 'avery' }),
        422,
        'EVIDENCE.INVALID_SPAN',
      ],
      [
        'end past the content',
        () => advisor,
        () => ({ ...pinBody('Avery'), endChar: 10_000 }),
        422,
        'EVIDENCE.INVALID_SPAN',
      ],
      [
        'unknown document',
        () => advisor,
        () => ({ ...pinBody('Avery'), documentId: 'doc-404' }),
        404,
        'EVIDENCE.VERSION_NOT_FOUND',
      ],
      [
        'unknown version',
        () => advisor,
        () => ({ ...pinBody('Avery'), documentVersionId: `${doc.documentId}:v9` }),
        404,
        'EVIDENCE.VERSION_NOT_FOUND',
      ],
      ["other org's document", () => advisorB, () => pinBody('Avery'), 404, 'EVIDENCE.VERSION_NOT_FOUND'],
      ['no token', () => undefined, () => pinBody('Avery'), 401],
      ['compliance', () => compliance, () => pinBody('Avery'), 403],
      ['operator', () => operator, () => pinBody('Avery'), 403],
    ];

    it.each(cases.map((c) => [c[0], c] as const))('%s', async (_name, [, token, payload, status, code]) => {
      const before = [await t.eventCount('org-a'), await t.eventCount('org-b')];
      const problem = expectProblem(
        await call(t, 'POST', '/v1/spans', { token: token(), payload: payload() }),
        status,
        code,
      );
      if (status === 422)
        expect(problem.errors).toEqual(
          expect.arrayContaining([{ field: expect.any(String), rule: expect.any(String) }]),
        );
      expect([await t.eventCount('org-a'), await t.eventCount('org-b')]).toEqual(before);
    });

    it('names the offending field of an invalid span', async () => {
      const problem = expectProblem(
        await call(t, 'POST', '/v1/spans', { token: advisor, payload: { ...pinBody('Avery'), text: 'avery' } }),
        422,
      );
      expect(problem.errors).toEqual([{ field: 'text', rule: expect.any(String) }]);
    });
  });

  describe('refused reads record no access', () => {
    type Case = [name: string, url: () => string, token: () => string | undefined, status: number, code?: string];
    const cases: Case[] = [
      ['span: unknown', () => '/v1/spans/span-404', () => advisor, 404, 'EVIDENCE.SPAN_NOT_FOUND'],
      ["span: other org's", () => `/v1/spans/${household.spanId}`, () => advisorB, 404, 'EVIDENCE.SPAN_NOT_FOUND'],
      ['span: unknown parameter', () => `/v1/spans/${household.spanId}?text=1`, () => advisor, 422],
      ['span: no token', () => `/v1/spans/${household.spanId}`, () => undefined, 401],
      ['span: operator', () => `/v1/spans/${household.spanId}`, () => operator, 403],
      ['stale: unknown', () => '/v1/documents/doc-404/stale-spans', () => advisor, 404, 'EVIDENCE.DOCUMENT_NOT_FOUND'],
      [
        "stale: other org's",
        () => `/v1/documents/${doc.documentId}/stale-spans`,
        () => advisorB,
        404,
        'EVIDENCE.DOCUMENT_NOT_FOUND',
      ],
      ['stale: no token', () => `/v1/documents/${doc.documentId}/stale-spans`, () => undefined, 401],
      ['stale: operator', () => `/v1/documents/${doc.documentId}/stale-spans`, () => operator, 403],
      ['evidence: no filter', () => '/v1/evidence', () => advisor, 422, 'EVIDENCE.INVALID_FILTER'],
      [
        'evidence: two filters',
        () => '/v1/evidence?entityId=client-1&claimId=c1',
        () => advisor,
        422,
        'EVIDENCE.INVALID_FILTER',
      ],
      ['evidence: unknown parameter', () => '/v1/evidence?clientId=client-1', () => advisor, 422],
      ['evidence: limit 0', () => '/v1/evidence?claimId=c1&limit=0', () => advisor, 422],
      ['evidence: limit 201', () => '/v1/evidence?claimId=c1&limit=201', () => advisor, 422],
      ['evidence: limit not a number', () => '/v1/evidence?claimId=c1&limit=many', () => advisor, 422],
      [
        'evidence: bad cursor',
        () => '/v1/evidence?claimId=c1&cursor=nope',
        () => advisor,
        422,
        'EVIDENCE.INVALID_CURSOR',
      ],
      ['evidence: bad id', () => '/v1/evidence?claimId=%20c1', () => advisor, 422],
      [
        'evidence: unknown entity',
        () => '/v1/evidence?entityId=client-404',
        () => advisor,
        404,
        'EVIDENCE.ENTITY_NOT_FOUND',
      ],
      ['evidence: unknown claim', () => '/v1/evidence?claimId=c404', () => advisor, 404, 'EVIDENCE.CLAIM_NOT_FOUND'],
      [
        'evidence: unknown bullet',
        () => '/v1/evidence?meetingPrepBulletId=b9',
        () => advisor,
        404,
        'EVIDENCE.BULLET_NOT_FOUND',
      ],
      [
        "evidence: other org's entity",
        () => '/v1/evidence?entityId=client-1',
        () => advisorB,
        404,
        'EVIDENCE.ENTITY_NOT_FOUND',
      ],
      ["evidence: other org's claim", () => '/v1/evidence?claimId=c1', () => advisorB, 404, 'EVIDENCE.CLAIM_NOT_FOUND'],
      ["evidence: other org's bullet", () => '/v1/evidence?meetingPrepBulletId=b1%3Ab0', () => advisorB, 404],
      ["evidence: other org's document", () => `/v1/evidence?documentId=${doc.documentId}`, () => advisorB, 404],
      ['evidence: no token', () => '/v1/evidence?claimId=c1', () => undefined, 401],
      ['evidence: operator', () => '/v1/evidence?claimId=c1', () => operator, 403],
    ];

    it.each(cases.map((c) => [c[0], c] as const))('%s', async (_name, [, url, token, status, code]) => {
      const before = [await t.eventCount('org-a'), await t.eventCount('org-b')];
      const problem = expectProblem(await call(t, 'GET', url(), { token: token() }), status, code);
      if (status === 422)
        expect(problem.errors).toEqual(
          expect.arrayContaining([{ field: expect.any(String), rule: expect.any(String) }]),
        );
      expect([await t.eventCount('org-a'), await t.eventCount('org-b')]).toEqual(before);
    });
  });

  it('keeps personal data out of the log', () => {
    const log = t.logLines.join('\n');
    expect(log).not.toContain('Jordan');
    expect(log).not.toContain('ending 4421');
  });
});
