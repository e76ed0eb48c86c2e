import { buildOpenApi, registerEvidenceRoutes } from '@ledger/contracts';
import { servedRoutes } from '@ledger/http';
import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import { evidenceService } from '../evidence.descriptor';
import { call, expectProblem, type Method } from './httpTestHelpers';

const MESSAGE = {
  messageId: 'm-1',
  threadId: 'thr-1',
  internalDate: Date.UTC(2026, 2, 1),
  historyId: 'h-1',
  from: 'avery.quill@example.test',
  to: ['advisor@example.test'],
  cc: [],
  subject: 'Annual review',
  body: 'Please rebalance the IRA ending 4421.',
};

describe('evidence HTTP: provider accounts, documents, threads', () => {
  let t: HttpTestApp;
  let advisor: string;
  let compliance: string;
  let operator: string;
  let advisorB: string;
  let documentId: string;

  beforeAll(async () => {
    t = await createHttpTestApp({ services: [evidenceService] });
    [advisor, compliance, operator, advisorB] = await Promise.all([
      t.tokenFor('advisor'),
      t.tokenFor('compliance'),
      t.tokenFor('operator'),
      t.tokenFor('advisor', 'org-b'),
    ]);
  });
  afterAll(() => t.close());

  it('registers, lists and changes provider accounts', async () => {
    const created = await call(t, 'POST', '/v1/provider-accounts', {
      token: advisor,
      payload: { id: 'acct-1', provider: 'gmail', label: 'Work' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      id: 'acct-1',
      provider: 'gmail',
      label: 'Work',
      labelState: 'present',
      status: 'active',
    });
    const listed = await call(t, 'GET', '/v1/provider-accounts', { token: compliance });
    expect(listed.json()).toEqual({ accounts: [created.json()] });
    const patched = await call(t, 'PATCH', '/v1/provider-accounts/acct-1', {
      token: advisor,
      payload: { status: 'needs_relink' },
    });
    expect(patched.json()).toMatchObject({ id: 'acct-1', status: 'needs_relink' });
    await call(t, 'PATCH', '/v1/provider-accounts/acct-1', { token: advisor, payload: { status: 'active' } });
    expect((await call(t, 'GET', '/v1/provider-accounts', { token: advisorB })).json()).toEqual({ accounts: [] });
  });

  it('ingests (201 new, 200 known), reads, tombstones and resurrects a document', async () => {
    const first = await call(t, 'POST', '/v1/documents/ingest', { token: advisor, payload: MESSAGE });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ version: 1, created: true, newVersion: true });
    documentId = first.json().documentId;
    const same = await call(t, 'POST', '/v1/documents/ingest', {
      token: advisor,
      payload: { ...MESSAGE, historyId: 'h-2' },
    });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ documentId, version: 1, created: false, newVersion: false });
    const changed = await call(t, 'POST', '/v1/documents/ingest', {
      token: advisor,
      payload: { ...MESSAGE, body: `${MESSAGE.body} Thanks.` },
    });
    expect(changed.json()).toMatchObject({ documentId, version: 2, newVersion: true });

    const read = await call(t, 'GET', `/v1/documents/${documentId}`, { token: compliance });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      documentId,
      providerAccountId: 'acct-1',
      latestVersion: 2,
      versions: [{ version: 1 }, { version: 2 }],
      content: { version: 2, personalState: 'present', content: `${MESSAGE.body} Thanks.`, title: MESSAGE.subject },
    });
    const v1 = await call(t, 'GET', `/v1/documents/${documentId}?version=1`, { token: advisor });
    expect(v1.json().content).toMatchObject({ version: 1, content: MESSAGE.body });

    const deleted = await call(t, 'DELETE', `/v1/documents/${documentId}?reason=deleted_in_provider`, {
      token: advisor,
    });
    expect(deleted.json()).toEqual({ documentId, tombstoned: true, changed: true });
    const back = await call(t, 'POST', '/v1/documents/ingest', {
      token: advisor,
      payload: { ...MESSAGE, body: `${MESSAGE.body} Thanks.` },
    });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ documentId, version: 2, resurrected: true, newVersion: false });
  });

  it('serves the thread with ingestSeq and participants', async () => {
    const response = await call(t, 'GET', '/v1/threads/thr-1', { token: compliance });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      threadId: 'thr-1',
      participants: ['avery.quill@example.test', 'advisor@example.test'],
      messages: [{ documentId, messageId: 'm-1', ingestSeq: 1, tombstoned: false }],
    });
  });

  it('C-06: with several accounts and none named, 422 listing the candidates and persisting nothing', async () => {
    await call(t, 'POST', '/v1/provider-accounts', {
      token: advisor,
      payload: { id: 'acct-2', provider: 'gmail', label: 'Home' },
    });
    const before = await t.eventCount();
    const response = await call(t, 'POST', '/v1/documents/ingest', {
      token: advisor,
      payload: { ...MESSAGE, messageId: 'm-9' },
    });
    expect(expectProblem(response, 422, 'EVIDENCE.PROVIDER_ACCOUNT_SELECTION_REQUIRED')).toMatchObject({
      candidates: [
        { id: 'acct-1', label: 'Work' },
        { id: 'acct-2', label: 'Home' },
      ],
    });
    expect(await t.eventCount()).toBe(before);
    const named = await call(t, 'POST', '/v1/documents/ingest', {
      token: advisor,
      payload: { ...MESSAGE, providerAccountId: 'acct-2' },
    });
    expect(named.statusCode).toBe(201);
    expect(named.json().documentId).not.toBe(documentId);
  });

  describe('refused writes persist nothing', () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    type Case = [
      name: string,
      method: Method,
      url: () => string,
      token: () => string | undefined,
      payload: unknown,
      status: number,
      code?: string,
    ];
    const cases: Case[] = [
      // POST /v1/provider-accounts
      [
        'register: malformed JSON',
        'POST',
        () => '/v1/provider-accounts',
        () => advisor,
        '{"provider": ',
        400,
        'REQUEST.MALFORMED',
      ],
      [
        'register: oversized body',
        'POST',
        () => '/v1/provider-accounts',
        () => advisor,
        { provider: 'gmail', label: big },
        413,
      ],
      [
        'register: wrong type',
        'POST',
        () => '/v1/provider-accounts',
        () => advisor,
        { provider: 'gmail', label: 7 },
        422,
      ],
      [
        'register: wrong provider',
        'POST',
        () => '/v1/provider-accounts',
        () => advisor,
        { provider: 'imap', label: 'x' },
        422,
      ],
      ['register: missing label', 'POST', () => '/v1/provider-accounts', () => advisor, { provider: 'gmail' }, 422],
      [
        'register: unknown field',
        'POST',
        () => '/v1/provider-accounts',
        () => advisor,
        { provider: 'gmail', label: 'x', token: 's' },
        422,
      ],
      [
        'register: bad id',
        'POST',
        () => '/v1/provider-accounts',
        () => advisor,
        { id: 'a b', provider: 'gmail', label: 'x' },
        422,
      ],
      [
        'register: taken id',
        'POST',
        () => '/v1/provider-accounts',
        () => advisor,
        { id: 'acct-1', provider: 'gmail', label: 'x' },
        409,
        'EVIDENCE.PROVIDER_ACCOUNT_EXISTS',
      ],
      [
        'register: no token',
        'POST',
        () => '/v1/provider-accounts',
        () => undefined,
        { provider: 'gmail', label: 'x' },
        401,
      ],
      [
        'register: compliance',
        'POST',
        () => '/v1/provider-accounts',
        () => compliance,
        { provider: 'gmail', label: 'x' },
        403,
      ],
      [
        'register: operator',
        'POST',
        () => '/v1/provider-accounts',
        () => operator,
        { provider: 'gmail', label: 'x' },
        403,
      ],
      // PATCH /v1/provider-accounts/:accountId
      ['status: malformed JSON', 'PATCH', () => '/v1/provider-accounts/acct-1', () => advisor, '{', 400],
      ['status: oversized body', 'PATCH', () => '/v1/provider-accounts/acct-1', () => advisor, { status: big }, 413],
      ['status: wrong value', 'PATCH', () => '/v1/provider-accounts/acct-1', () => advisor, { status: 'deleted' }, 422],
      ['status: missing', 'PATCH', () => '/v1/provider-accounts/acct-1', () => advisor, {}, 422],
      [
        'status: unknown field',
        'PATCH',
        () => '/v1/provider-accounts/acct-1',
        () => advisor,
        { status: 'revoked', x: 1 },
        422,
      ],
      [
        'status: unknown account',
        'PATCH',
        () => '/v1/provider-accounts/acct-404',
        () => advisor,
        { status: 'revoked' },
        404,
        'EVIDENCE.PROVIDER_ACCOUNT_NOT_FOUND',
      ],
      [
        "status: other org's account",
        'PATCH',
        () => '/v1/provider-accounts/acct-1',
        () => advisorB,
        { status: 'revoked' },
        404,
        'EVIDENCE.PROVIDER_ACCOUNT_NOT_FOUND',
      ],
      ['status: no token', 'PATCH', () => '/v1/provider-accounts/acct-1', () => undefined, { status: 'revoked' }, 401],
      [
        'status: compliance',
        'PATCH',
        () => '/v1/provider-accounts/acct-1',
        () => compliance,
        { status: 'revoked' },
        403,
      ],
      // POST /v1/documents/ingest
      ['ingest: malformed JSON', 'POST', () => '/v1/documents/ingest', () => advisor, '{"messageId": "m"', 400],
      [
        'ingest: oversized body',
        'POST',
        () => '/v1/documents/ingest',
        () => advisor,
        { ...MESSAGE, providerAccountId: 'acct-1', body: big },
        413,
      ],
      [
        'ingest: wrong type',
        'POST',
        () => '/v1/documents/ingest',
        () => advisor,
        { ...MESSAGE, providerAccountId: 'acct-1', internalDate: 'yesterday' },
        422,
      ],
      [
        'ingest: wrong list type',
        'POST',
        () => '/v1/documents/ingest',
        () => advisor,
        { ...MESSAGE, providerAccountId: 'acct-1', to: 'a@example.test' },
        422,
      ],
      [
        'ingest: missing messageId',
        'POST',
        () => '/v1/documents/ingest',
        () => advisor,
        { ...MESSAGE, providerAccountId: 'acct-1', messageId: undefined },
        422,
      ],
      [
        'ingest: unknown field',
        'POST',
        () => '/v1/documents/ingest',
        () => advisor,
        { ...MESSAGE, providerAccountId: 'acct-1', snippet: 'x' },
        422,
      ],
      [
        'ingest: body too long',
        'POST',
        () => '/v1/documents/ingest',
        () => advisor,
        { ...MESSAGE, providerAccountId: 'acct-1', body: 'x'.repeat(200_001) },
        422,
      ],
      [
        'ingest: unknown account',
        'POST',
        () => '/v1/documents/ingest',
        () => advisor,
        { ...MESSAGE, providerAccountId: 'acct-404' },
        404,
      ],
      [
        "ingest: other org's account",
        'POST',
        () => '/v1/documents/ingest',
        () => advisorB,
        { ...MESSAGE, providerAccountId: 'acct-1' },
        404,
      ],
      [
        'ingest: no token',
        'POST',
        () => '/v1/documents/ingest',
        () => undefined,
        { ...MESSAGE, providerAccountId: 'acct-1' },
        401,
      ],
      [
        'ingest: compliance',
        'POST',
        () => '/v1/documents/ingest',
        () => compliance,
        { ...MESSAGE, providerAccountId: 'acct-1' },
        403,
      ],
      // DELETE /v1/documents/:documentId
      [
        'delete: unknown document',
        'DELETE',
        () => '/v1/documents/doc-404',
        () => advisor,
        undefined,
        404,
        'EVIDENCE.DOCUMENT_NOT_FOUND',
      ],
      [
        "delete: other org's document",
        'DELETE',
        () => `/v1/documents/${documentId}`,
        () => advisorB,
        undefined,
        404,
        'EVIDENCE.DOCUMENT_NOT_FOUND',
      ],
      [
        'delete: bad reason',
        'DELETE',
        () => `/v1/documents/${documentId}?reason=because`,
        () => advisor,
        undefined,
        422,
      ],
      [
        'delete: unknown parameter',
        'DELETE',
        () => `/v1/documents/${documentId}?force=1`,
        () => advisor,
        undefined,
        422,
      ],
      ['delete: bad id', 'DELETE', () => '/v1/documents/%20x', () => advisor, undefined, 422],
      ['delete: no token', 'DELETE', () => `/v1/documents/${documentId}`, () => undefined, undefined, 401],
      ['delete: compliance', 'DELETE', () => `/v1/documents/${documentId}`, () => compliance, undefined, 403],
    ];

    // Rows of one length: Jest would take a missing last argument for a `done` callback.
    it.each(cases.map((c) => [c[0], c] as const))(
      '%s',
      async (_name, [, method, url, token, payload, status, code]) => {
        const before = [await t.eventCount('org-a'), await t.eventCount('org-b')];
        const response = await call(t, method, url(), { token: token(), payload });
        const problem = expectProblem(response, status, code);
        if (status === 422) {
          expect(problem.errors).toEqual(
            expect.arrayContaining([{ field: expect.any(String), rule: expect.any(String) }]),
          );
        }
        expect([await t.eventCount('org-a'), await t.eventCount('org-b')]).toEqual(before);
      },
    );
  });

  describe('refused reads', () => {
    type Case = [name: string, url: () => string, token: () => string | undefined, status: number, code?: string];
    const cases: Case[] = [
      ['accounts: no token', () => '/v1/provider-accounts', () => undefined, 401],
      ['accounts: operator', () => '/v1/provider-accounts', () => operator, 403],
      ['accounts: unknown parameter', () => '/v1/provider-accounts?label=Work', () => advisor, 422],
      ['document: unknown', () => '/v1/documents/doc-404', () => advisor, 404, 'EVIDENCE.DOCUMENT_NOT_FOUND'],
      [
        "document: other org's",
        () => `/v1/documents/${documentId}`,
        () => advisorB,
        404,
        'EVIDENCE.DOCUMENT_NOT_FOUND',
      ],
      [
        'document: unknown version',
        () => `/v1/documents/${documentId}?version=9`,
        () => advisor,
        404,
        'EVIDENCE.VERSION_NOT_FOUND',
      ],
      ['document: wrong version type', () => `/v1/documents/${documentId}?version=latest`, () => advisor, 422],
      ['document: zero version', () => `/v1/documents/${documentId}?version=0`, () => advisor, 422],
      ['document: unknown parameter', () => `/v1/documents/${documentId}?raw=1`, () => advisor, 422],
      ['document: no token', () => `/v1/documents/${documentId}`, () => undefined, 401],
      ['document: operator', () => `/v1/documents/${documentId}`, () => operator, 403],
      ['thread: unknown', () => '/v1/threads/thr-404', () => advisor, 404, 'EVIDENCE.THREAD_NOT_FOUND'],
      ["thread: other org's", () => '/v1/threads/thr-1', () => advisorB, 404, 'EVIDENCE.THREAD_NOT_FOUND'],
      ['thread: no token', () => '/v1/threads/thr-1', () => undefined, 401],
      ['thread: operator', () => '/v1/threads/thr-1', () => operator, 403],
      ['thread: unknown parameter', () => '/v1/threads/thr-1?from=2026', () => advisor, 422],
    ];

    it.each(cases.map((c) => [c[0], c] as const))('%s', async (_name, [, url, token, status, code]) => {
      expectProblem(await call(t, 'GET', url(), { token: token() }), status, code);
    });
  });

  it('serves exactly the routes its contract documents', () => {
    const paths = buildOpenApi([registerEvidenceRoutes]).paths ?? {};
    const documented = Object.entries(paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, item]) => Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`));
    const served = servedRoutes(t.app).filter((route) => route.includes(' /v1/'));
    expect(served.sort()).toEqual(documented.sort());
    expect(served).toHaveLength(12);
  });

  it('keeps personal data out of the log', () => {
    const log = t.logLines.join('\n');
    expect(log).not.toContain('avery.quill');
    expect(log).not.toContain('ending 4421');
  });
});
