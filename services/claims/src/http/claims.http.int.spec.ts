import { buildOpenApi, registerClaimsRoutes } from '@ledger/contracts';
import { servedRoutes } from '@ledger/http';
import { createHttpTestApp, type HttpTestApp } from '@ledger/host/testing';
import { storedCanonicalTexts } from '@ledger/ledger/testing';
import { ProjectionWaiter } from '@ledger/projections';
import type { Role } from '@ledger/tenancy';
import { claimsService } from '../claims.descriptor';
import { CLAIMS_PROJECTION_NAME } from '../projection/claimsProjection';

const ORG = 'org-a';
const OTHER = 'org-b';
const EMAIL = 'avery.private@example.test';
const BODY_LIMIT = 16 * 1024;

type Payload = string | Record<string, unknown> | undefined;

interface Refusal {
  name: string;
  method: 'POST' | 'GET';
  url: string;
  payload?: Payload;
  /** `null`: no authorization header at all. */
  role?: Role | null;
  org?: string;
  status: number;
  code?: string;
  field?: string;
}

describe('claims over HTTP', () => {
  let t: HttpTestApp;
  let waiter: ProjectionWaiter;
  const tokens = new Map<string, string>();

  async function token(role: Role, orgId = ORG): Promise<string> {
    const key = `${role}@${orgId}`;
    if (!tokens.has(key)) tokens.set(key, await t.tokenFor(role, orgId, `${role}-1`));
    return tokens.get(key)!;
  }

  async function call(
    method: 'POST' | 'GET',
    url: string,
    payload?: Payload,
    role: Role | null = 'advisor',
    org = ORG,
  ) {
    const headers: Record<string, string> = {};
    if (role !== null) headers.authorization = await token(role, org);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const body = payload === undefined || typeof payload === 'string' ? payload : JSON.stringify(payload);
    return t.app.inject({ method, url, headers, payload: body });
  }

  async function expectOk(
    method: 'POST' | 'GET',
    url: string,
    payload: Payload,
    status: number,
    role: Role = 'advisor',
    org = ORG,
  ) {
    const response = await call(method, url, payload, role, org);
    expect({ status: response.statusCode, body: response.json() }).toEqual({ status, body: expect.anything() });
    return response.json();
  }

  async function pin(orgId: string, documentId: string, version: number, spans: Array<[string, number, number]>) {
    const documentVersionId = `${documentId}:v${version}`;
    const events = [
      {
        type: version === 1 ? 'DocumentIngested' : 'DocumentVersionAdded',
        data: { documentId, documentVersionId, version, providerAccountId: 'pa-1', messageId: `m-${documentId}` },
        personal: { title: 'Subject', content: `Hello ${EMAIL}, about your IRA.` },
        metadata: { actor: 'evidence-fixture' },
      },
      ...spans.map(([spanId, startChar, endChar]) => ({
        type: 'SpanPinned',
        data: { spanId, documentId, documentVersionId, startChar, endChar },
        personal: { text: 'x' },
        metadata: { actor: 'evidence-fixture' },
      })),
    ];
    const { positions } = await t.ledger.append({
      orgId,
      streamId: `evidence-${documentId}`,
      expectedRevision: 'any',
      events,
    });
    expect(await waiter.waitFor(orgId, positions)).toBe(true);
  }

  beforeAll(async () => {
    t = await createHttpTestApp({ services: [claimsService], bodyLimit: BODY_LIMIT });
    waiter = new ProjectionWaiter(t.pool, [CLAIMS_PROJECTION_NAME]);
    await pin(ORG, 'doc-1', 1, [
      ['s-1', 0, 5],
      ['s-2', 6, 6 + EMAIL.length],
    ]);
    await pin(OTHER, 'doc-b', 1, [['s-b', 0, 5]]);
    await expectOk('POST', '/v1/entities', { entityId: 'client-1', kind: 'Client', label: 'Avery Quinn' }, 201);
    await expectOk('POST', '/v1/entities', { entityId: 'hh-1', kind: 'Household', label: 'Quinn household' }, 201);
    await expectOk('POST', '/v1/entities/client-1/mentions', { mentionId: 'm-1', spanId: 's-1' }, 201);
    await expectOk(
      'POST',
      '/v1/claims',
      {
        claimId: 'c-1',
        subjectEntityId: 'client-1',
        predicate: 'memberOf',
        object: { kind: 'entity', entityId: 'hh-1' },
        spanIds: ['s-1'],
      },
      201,
    );
    await expectOk(
      'POST',
      '/v1/entities',
      { entityId: 'client-b', kind: 'Client', label: 'Other' },
      201,
      'advisor',
      OTHER,
    );
    await expectOk(
      'POST',
      '/v1/entities/client-b/mentions',
      { mentionId: 'm-b', spanId: 's-b' },
      201,
      'advisor',
      OTHER,
    );
    await expectOk(
      'POST',
      '/v1/claims',
      {
        claimId: 'c-b',
        subjectEntityId: 'client-b',
        predicate: 'emailAddress',
        object: { kind: 'literal', value: 'b@example.test' },
        spanIds: ['s-b'],
      },
      201,
      'advisor',
      OTHER,
    );
  });
  afterAll(() => t.close());

  it('serves exactly the routes its contract documents', () => {
    const paths = buildOpenApi([registerClaimsRoutes]).paths ?? {};
    const documented = Object.entries(paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, operations]) =>
        Object.keys(operations ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
      );
    const served = servedRoutes(t.app).filter((route) => route.includes(' /v1/'));
    expect(served.sort()).toEqual(documented.sort());
    expect(served).toHaveLength(10);
  });

  describe('accepted requests', () => {
    it('creates an entity with a generated id and reads it back with its label and mentions', async () => {
      const created = await expectOk('POST', '/v1/entities', { kind: 'Account', label: 'IRA ending 4321' }, 201);
      expect(created).toEqual({ entityId: expect.stringMatching(/^[0-9a-f-]{36}$/), kind: 'Account', revision: 0 });
      const client = await expectOk('GET', '/v1/entities/client-1', undefined, 200, 'compliance');
      expect(client).toMatchObject({
        entityId: 'client-1',
        kind: 'Client',
        label: 'Avery Quinn',
        labelState: 'present',
      });
      expect(client.mentions).toEqual([expect.objectContaining({ mentionId: 'm-1', retracted: false })]);
    });

    it('asserts a literal claim stored only encrypted, and reads it decrypted for advisor and compliance', async () => {
      const body = {
        claimId: 'c-email',
        subjectEntityId: 'client-1',
        predicate: 'emailAddress',
        object: { kind: 'literal', value: EMAIL },
        spanIds: ['s-2'],
      };
      expect(await expectOk('POST', '/v1/claims', body, 201)).toEqual({
        claimId: 'c-email',
        status: 'current',
        revision: 0,
      });
      const [asserted] = await storedCanonicalTexts(t.pool, ORG, 'claim-c-email');
      expect(asserted).not.toContain(EMAIL);
      for (const role of ['advisor', 'compliance'] as const) {
        const claim = await expectOk('GET', '/v1/claims/c-email', undefined, 200, role);
        expect(claim).toMatchObject({
          object: { kind: 'literal', value: EMAIL },
          staleEvidence: false,
          history: [{ type: 'asserted' }],
        });
      }
      expect(t.logLines.join('\n')).not.toContain(EMAIL);
    });

    it('supersedes with an expected revision, then lists current claims and, with include=all, history', async () => {
      await expectOk(
        'POST',
        '/v1/claims',
        {
          claimId: 'c-old',
          subjectEntityId: 'client-1',
          predicate: 'statedPreference',
          object: { kind: 'literal', value: 'low risk' },
          spanIds: ['s-1'],
        },
        201,
      );
      const superseded = await expectOk(
        'POST',
        '/v1/claims/c-old/supersede',
        {
          reason: 'preference updated',
          expectedRevision: 0,
          replacement: {
            claimId: 'c-new',
            predicate: 'statedPreference',
            object: { kind: 'literal', value: 'medium risk' },
            spanIds: ['s-1'],
          },
        },
        201,
      );
      expect(superseded).toMatchObject({
        claimId: 'c-old',
        status: 'superseded',
        revision: 1,
        replacement: { claimId: 'c-new' },
      });
      const current = await expectOk('GET', '/v1/claims?subjectEntityId=client-1', undefined, 200, 'compliance');
      const ids = current.items.map((c: { claimId: string }) => c.claimId);
      expect(ids).toEqual(expect.arrayContaining(['c-1', 'c-new']));
      expect(ids).not.toContain('c-old');
      const all = await expectOk('GET', '/v1/claims?subjectEntityId=client-1&include=all&limit=50', undefined, 200);
      expect(all.items.find((c: { claimId: string }) => c.claimId === 'c-old')).toMatchObject({
        status: 'superseded',
        supersededBy: 'c-new',
        reason: 'preference updated',
      });
    });

    it('retracts a claim and a mention with reasons, keeping their history', async () => {
      await expectOk(
        'POST',
        '/v1/claims',
        {
          claimId: 'c-gone',
          subjectEntityId: 'client-1',
          predicate: 'memberOf',
          object: { kind: 'entity', entityId: 'hh-1' },
          spanIds: ['s-1'],
        },
        201,
      );
      expect(
        await expectOk('POST', '/v1/claims/c-gone/retract', { reason: 'duplicate', expectedRevision: 0 }, 200),
      ).toEqual({
        claimId: 'c-gone',
        status: 'retracted',
        revision: 1,
      });
      const claim = await expectOk('GET', '/v1/claims/c-gone', undefined, 200);
      expect(claim.history.map((h: { type: string }) => h.type)).toEqual(['asserted', 'retracted']);
      expect([claim.reason, claim.reasonState]).toEqual(['duplicate', 'present']);
      const [retracted] = await storedCanonicalTexts(t.pool, ORG, 'claim-c-gone', 'ClaimRetracted');
      expect(retracted).not.toContain('duplicate');
      await t.ledger.shred(ORG, 'claim-c-gone');
      const erased = await expectOk('GET', '/v1/claims/c-gone', undefined, 200, 'compliance');
      expect(erased).toMatchObject({ status: 'retracted', reason: null, reasonState: 'erased' });
      expect(erased.history.map((h: { reasonState: string }) => h.reasonState)).toEqual(['none', 'erased']);
      await expectOk('POST', '/v1/entities/client-1/mentions', { mentionId: 'm-2', spanId: 's-2' }, 201);
      await expectOk('POST', '/v1/entities/client-1/mentions/m-2/retract', { reason: 'wrong span' }, 200);
      const entity = await expectOk('GET', '/v1/entities/client-1', undefined, 200);
      expect(entity.mentions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ mentionId: 'm-2', retracted: true, reason: 'wrong span', reasonState: 'present' }),
        ]),
      );
    });

    it('flags stale evidence once a cited document gets a new version', async () => {
      await pin(ORG, 'doc-2', 1, [['s-3', 0, 4]]);
      await expectOk(
        'POST',
        '/v1/claims',
        {
          claimId: 'c-stale',
          subjectEntityId: 'client-1',
          predicate: 'memberOf',
          object: { kind: 'entity', entityId: 'hh-1' },
          spanIds: ['s-3'],
        },
        201,
      );
      expect(await expectOk('GET', '/v1/claims/c-stale', undefined, 200)).toMatchObject({ staleEvidence: false });
      await pin(ORG, 'doc-2', 2, []);
      expect(await expectOk('GET', '/v1/claims/c-stale', undefined, 200)).toMatchObject({
        staleEvidence: true,
        staleSpanIds: ['s-3'],
      });
    });

    it('lets one of two concurrent supersessions win and answers the other 409, persisting only the winner', async () => {
      await expectOk(
        'POST',
        '/v1/claims',
        {
          claimId: 'c-race',
          subjectEntityId: 'client-1',
          predicate: 'memberOf',
          object: { kind: 'entity', entityId: 'hh-1' },
          spanIds: ['s-1'],
        },
        201,
      );
      const supersede = (id: string) =>
        call('POST', '/v1/claims/c-race/supersede', {
          reason: 'corrected',
          expectedRevision: 0,
          replacement: {
            claimId: id,
            predicate: 'memberOf',
            object: { kind: 'entity', entityId: 'hh-1' },
            spanIds: ['s-1'],
          },
        });
      const responses = await Promise.all([supersede('c-race-a'), supersede('c-race-b')]);
      expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const loser = responses[0].statusCode === 409 ? 'c-race-a' : 'c-race-b';
      expect((await call('GET', `/v1/claims/${loser}`)).statusCode).toBe(404);
    });
  });

  const SPAN = { subjectEntityId: 'client-1', predicate: 'memberOf', object: { kind: 'entity', entityId: 'hh-1' } };
  const REPLACEMENT = { predicate: 'memberOf', object: { kind: 'entity', entityId: 'hh-1' }, spanIds: ['s-1'] };
  const huge = 'x'.repeat(BODY_LIMIT + 10);
  const writes: Array<{ url: string; valid: Record<string, unknown> }> = [
    { url: '/v1/entities', valid: { kind: 'Client', label: 'New Client' } },
    { url: '/v1/entities/client-1/mentions', valid: { spanId: 's-1' } },
    { url: '/v1/entities/client-1/mentions/m-1/retract', valid: { reason: 'r' } },
    { url: '/v1/claims', valid: { ...SPAN, spanIds: ['s-1'] } },
    { url: '/v1/claims/c-1/supersede', valid: { reason: 'r', replacement: REPLACEMENT } },
    { url: '/v1/claims/c-1/retract', valid: { reason: 'r' } },
  ];

  /** Malformed, oversized, unknown fields, no token, wrong role: the same for every write route. */
  const generic: Refusal[] = writes.flatMap(({ url, valid }) => [
    {
      name: `${url}: malformed JSON`,
      method: 'POST' as const,
      url,
      payload: '{"reason": ',
      status: 400,
      code: 'REQUEST.MALFORMED',
    },
    { name: `${url}: oversized`, method: 'POST' as const, url, payload: { ...valid, reason: huge }, status: 413 },
    {
      name: `${url}: unknown field`,
      method: 'POST' as const,
      url,
      payload: { ...valid, extra: 1 },
      status: 422,
      field: 'extra',
    },
    { name: `${url}: empty body`, method: 'POST' as const, url, payload: {}, status: 422 },
    { name: `${url}: no token`, method: 'POST' as const, url, payload: valid, role: null, status: 401 },
    {
      name: `${url}: compliance may not write`,
      method: 'POST' as const,
      url,
      payload: valid,
      role: 'compliance',
      status: 403,
    },
    {
      name: `${url}: operator may not write`,
      method: 'POST' as const,
      url,
      payload: valid,
      role: 'operator',
      status: 403,
    },
  ]);

  const specific: Refusal[] = [
    // create entity
    {
      name: 'entity: wrong types',
      method: 'POST',
      url: '/v1/entities',
      payload: { kind: 5, label: true },
      status: 422,
      field: 'kind',
    },
    {
      name: 'entity: missing label',
      method: 'POST',
      url: '/v1/entities',
      payload: { kind: 'Client' },
      status: 422,
      field: 'label',
    },
    {
      name: 'entity: blank label',
      method: 'POST',
      url: '/v1/entities',
      payload: { kind: 'Client', label: '  ' },
      status: 422,
      field: 'label',
    },
    {
      name: 'entity: label too long',
      method: 'POST',
      url: '/v1/entities',
      payload: { kind: 'Client', label: 'x'.repeat(201) },
      status: 422,
      field: 'label',
    },
    {
      name: 'entity: unconfigured kind',
      method: 'POST',
      url: '/v1/entities',
      payload: { kind: 'Pet', label: 'Rex' },
      status: 422,
      code: 'CLAIMS.UNKNOWN_ENTITY_KIND',
    },
    {
      name: 'entity: bad id',
      method: 'POST',
      url: '/v1/entities',
      payload: { entityId: 'a b', kind: 'Client', label: 'x' },
      status: 422,
      field: 'entityId',
    },
    {
      name: 'entity: id taken',
      method: 'POST',
      url: '/v1/entities',
      payload: { entityId: 'client-1', kind: 'Client', label: 'x' },
      status: 409,
      code: 'CLAIMS.ENTITY_EXISTS',
    },
    // mentions
    {
      name: 'mention: wrong types',
      method: 'POST',
      url: '/v1/entities/client-1/mentions',
      payload: { spanId: 7 },
      status: 422,
      field: 'spanId',
    },
    {
      name: 'mention: unknown span',
      method: 'POST',
      url: '/v1/entities/client-1/mentions',
      payload: { spanId: 's-none' },
      status: 404,
      code: 'CLAIMS.SPAN_NOT_FOUND',
    },
    {
      name: "mention: other org's span",
      method: 'POST',
      url: '/v1/entities/client-1/mentions',
      payload: { spanId: 's-b' },
      status: 404,
      code: 'CLAIMS.SPAN_NOT_FOUND',
    },
    {
      name: "mention: other org's entity",
      method: 'POST',
      url: '/v1/entities/client-b/mentions',
      payload: { spanId: 's-1' },
      status: 404,
      code: 'CLAIMS.ENTITY_NOT_FOUND',
    },
    {
      name: 'mention: id re-pointed',
      method: 'POST',
      url: '/v1/entities/client-1/mentions',
      payload: { mentionId: 'm-1', spanId: 's-2' },
      status: 409,
      code: 'CLAIMS.MENTION_EXISTS',
    },
    {
      name: 'mention retract: wrong types',
      method: 'POST',
      url: '/v1/entities/client-1/mentions/m-1/retract',
      payload: { reason: 3 },
      status: 422,
      field: 'reason',
    },
    {
      name: 'mention retract: unknown mention',
      method: 'POST',
      url: '/v1/entities/client-1/mentions/m-none/retract',
      payload: { reason: 'r' },
      status: 404,
      code: 'CLAIMS.MENTION_NOT_FOUND',
    },
    {
      name: "mention retract: other org's mention",
      method: 'POST',
      url: '/v1/entities/client-b/mentions/m-b/retract',
      payload: { reason: 'r' },
      status: 404,
      code: 'CLAIMS.MENTION_NOT_FOUND',
    },
    // assert claim
    {
      name: 'claim: wrong types',
      method: 'POST',
      url: '/v1/claims',
      payload: { ...SPAN, spanIds: 's-1' },
      status: 422,
      field: 'spanIds',
    },
    {
      name: 'claim: wrong object kind',
      method: 'POST',
      url: '/v1/claims',
      payload: { ...SPAN, object: { kind: 'thing' }, spanIds: ['s-1'] },
      status: 422,
      field: 'object.kind',
    },
    {
      name: 'claim: missing citations',
      method: 'POST',
      url: '/v1/claims',
      payload: SPAN,
      status: 422,
      field: 'spanIds',
    },
    {
      name: 'claim: no citation',
      method: 'POST',
      url: '/v1/claims',
      payload: { ...SPAN, spanIds: [] },
      status: 422,
      field: 'spanIds',
    },
    {
      name: 'claim: missing span',
      method: 'POST',
      url: '/v1/claims',
      payload: { ...SPAN, spanIds: ['s-none'] },
      status: 404,
      code: 'CLAIMS.SPAN_NOT_FOUND',
      field: 'spanIds[0]',
    },
    {
      name: "claim: other org's span",
      method: 'POST',
      url: '/v1/claims',
      payload: { ...SPAN, spanIds: ['s-b'] },
      status: 404,
      code: 'CLAIMS.SPAN_NOT_FOUND',
    },
    {
      name: 'claim: unknown subject',
      method: 'POST',
      url: '/v1/claims',
      payload: { ...SPAN, subjectEntityId: 'nobody', spanIds: ['s-1'] },
      status: 404,
      code: 'CLAIMS.ENTITY_NOT_FOUND',
    },
    {
      name: "claim: other org's subject",
      method: 'POST',
      url: '/v1/claims',
      payload: { ...SPAN, subjectEntityId: 'client-b', spanIds: ['s-1'] },
      status: 404,
      code: 'CLAIMS.ENTITY_NOT_FOUND',
    },
    {
      name: 'claim: unknown predicate',
      method: 'POST',
      url: '/v1/claims',
      payload: { ...SPAN, predicate: 'likes', spanIds: ['s-1'] },
      status: 422,
      code: 'CLAIMS.UNKNOWN_PREDICATE',
    },
    {
      name: 'claim: literal for an entity predicate',
      method: 'POST',
      url: '/v1/claims',
      payload: { ...SPAN, object: { kind: 'literal', value: 'x' }, spanIds: ['s-1'] },
      status: 422,
      code: 'CLAIMS.INVALID_RELATION',
    },
    {
      name: 'claim: id taken',
      method: 'POST',
      url: '/v1/claims',
      payload: { ...SPAN, claimId: 'c-1', spanIds: ['s-1'] },
      status: 409,
      code: 'CLAIMS.CLAIM_EXISTS',
    },
    // supersede
    {
      name: 'supersede: wrong types',
      method: 'POST',
      url: '/v1/claims/c-1/supersede',
      payload: { reason: 'r', expectedRevision: 'zero', replacement: REPLACEMENT },
      status: 422,
      field: 'expectedRevision',
    },
    {
      name: 'supersede: missing replacement',
      method: 'POST',
      url: '/v1/claims/c-1/supersede',
      payload: { reason: 'r' },
      status: 422,
      field: 'replacement',
    },
    {
      name: 'supersede: unknown replacement field',
      method: 'POST',
      url: '/v1/claims/c-1/supersede',
      payload: { reason: 'r', replacement: { ...REPLACEMENT, note: 1 } },
      status: 422,
      field: 'replacement.note',
    },
    {
      name: 'supersede: stale expected revision',
      method: 'POST',
      url: '/v1/claims/c-1/supersede',
      payload: { reason: 'r', expectedRevision: 4, replacement: REPLACEMENT },
      status: 409,
      code: 'LEDGER.VERSION_CONFLICT',
    },
    {
      name: 'supersede: unknown replacement span',
      method: 'POST',
      url: '/v1/claims/c-1/supersede',
      payload: { reason: 'r', replacement: { ...REPLACEMENT, spanIds: ['s-none'] } },
      status: 404,
      code: 'CLAIMS.SPAN_NOT_FOUND',
    },
    {
      name: 'supersede: unknown claim',
      method: 'POST',
      url: '/v1/claims/c-none/supersede',
      payload: { reason: 'r', replacement: REPLACEMENT },
      status: 404,
      code: 'CLAIMS.CLAIM_NOT_FOUND',
    },
    {
      name: "supersede: other org's claim",
      method: 'POST',
      url: '/v1/claims/c-b/supersede',
      payload: { reason: 'r', replacement: REPLACEMENT },
      status: 404,
      code: 'CLAIMS.CLAIM_NOT_FOUND',
    },
    {
      name: 'supersede: not current',
      method: 'POST',
      url: '/v1/claims/c-old/supersede',
      payload: { reason: 'r', replacement: REPLACEMENT },
      status: 409,
      code: 'CLAIMS.CLAIM_NOT_CURRENT',
    },
    // retract
    {
      name: 'retract: wrong types',
      method: 'POST',
      url: '/v1/claims/c-1/retract',
      payload: { reason: ['r'] },
      status: 422,
      field: 'reason',
    },
    {
      name: 'retract: stale expected revision',
      method: 'POST',
      url: '/v1/claims/c-1/retract',
      payload: { reason: 'r', expectedRevision: 2 },
      status: 409,
      code: 'LEDGER.VERSION_CONFLICT',
    },
    {
      name: 'retract: unknown claim',
      method: 'POST',
      url: '/v1/claims/c-none/retract',
      payload: { reason: 'r' },
      status: 404,
      code: 'CLAIMS.CLAIM_NOT_FOUND',
    },
    {
      name: "retract: other org's claim",
      method: 'POST',
      url: '/v1/claims/c-b/retract',
      payload: { reason: 'r' },
      status: 404,
      code: 'CLAIMS.CLAIM_NOT_FOUND',
    },
    {
      name: 'retract: already retracted',
      method: 'POST',
      url: '/v1/claims/c-gone/retract',
      payload: { reason: 'r' },
      status: 409,
      code: 'CLAIMS.CLAIM_NOT_CURRENT',
    },
    {
      name: 'retract: bad path id',
      method: 'POST',
      url: '/v1/claims/a%20b/retract',
      payload: { reason: 'r' },
      status: 422,
      field: 'claimId',
    },
  ];

  describe('refused writes persist nothing', () => {
    it.each([...generic, ...specific].map((refusal) => [refusal.name, refusal] as const))(
      '%s',
      async (_name, refusal) => {
        const before = [await t.eventCount(ORG), await t.eventCount(OTHER)];
        const response = await call(
          refusal.method,
          refusal.url,
          refusal.payload,
          refusal.role === undefined ? 'advisor' : refusal.role,
          refusal.org,
        );
        expect(response.statusCode).toBe(refusal.status);
        expect(response.headers['content-type']).toContain('application/problem+json');
        const problem = response.json();
        if (refusal.code) expect(problem.code).toBe(refusal.code);
        if (refusal.field)
          expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: refusal.field })]));
        if (refusal.code === 'LEDGER.VERSION_CONFLICT')
          expect(problem).toMatchObject({ expected: expect.any(Number), actual: 0 });
        expect([await t.eventCount(ORG), await t.eventCount(OTHER)]).toEqual(before);
      },
    );
  });

  const reads: Refusal[] = [
    { name: 'entity: no token', method: 'GET', url: '/v1/entities/client-1', role: null, status: 401 },
    { name: 'entity: operator', method: 'GET', url: '/v1/entities/client-1', role: 'operator', status: 403 },
    {
      name: 'entity: unknown',
      method: 'GET',
      url: '/v1/entities/nobody',
      status: 404,
      code: 'CLAIMS.ENTITY_NOT_FOUND',
    },
    {
      name: "entity: other org's",
      method: 'GET',
      url: '/v1/entities/client-b',
      status: 404,
      code: 'CLAIMS.ENTITY_NOT_FOUND',
    },
    { name: 'entity: bad id', method: 'GET', url: '/v1/entities/a%20b', status: 422, field: 'entityId' },
    { name: 'claim: no token', method: 'GET', url: '/v1/claims/c-1', role: null, status: 401 },
    { name: 'claim: operator', method: 'GET', url: '/v1/claims/c-1', role: 'operator', status: 403 },
    { name: 'claim: unknown', method: 'GET', url: '/v1/claims/c-none', status: 404, code: 'CLAIMS.CLAIM_NOT_FOUND' },
    {
      name: "claim: other org's",
      method: 'GET',
      url: '/v1/claims/c-b',
      role: 'compliance',
      status: 404,
      code: 'CLAIMS.CLAIM_NOT_FOUND',
    },
    { name: 'list: no token', method: 'GET', url: '/v1/claims?subjectEntityId=client-1', role: null, status: 401 },
    {
      name: 'list: operator',
      method: 'GET',
      url: '/v1/claims?subjectEntityId=client-1',
      role: 'operator',
      status: 403,
    },
    { name: 'list: missing subject', method: 'GET', url: '/v1/claims', status: 422, field: 'subjectEntityId' },
    {
      name: 'list: unknown parameter',
      method: 'GET',
      url: '/v1/claims?subjectEntityId=client-1&sort=asc',
      status: 422,
      field: 'sort',
    },
    {
      name: 'list: bad include',
      method: 'GET',
      url: '/v1/claims?subjectEntityId=client-1&include=some',
      status: 422,
      field: 'include',
    },
    {
      name: 'list: bad limit',
      method: 'GET',
      url: '/v1/claims?subjectEntityId=client-1&limit=0',
      status: 422,
      field: 'limit',
    },
    {
      name: 'list: bad cursor',
      method: 'GET',
      url: '/v1/claims?subjectEntityId=client-1&cursor=abc',
      status: 422,
      field: 'cursor',
    },
    {
      name: 'list: unknown subject',
      method: 'GET',
      url: '/v1/claims?subjectEntityId=nobody',
      status: 404,
      code: 'CLAIMS.ENTITY_NOT_FOUND',
    },
    {
      name: "list: other org's subject",
      method: 'GET',
      url: '/v1/claims?subjectEntityId=client-b',
      status: 404,
      code: 'CLAIMS.ENTITY_NOT_FOUND',
    },
  ];

  describe('refused reads', () => {
    it.each(reads.map((refusal) => [refusal.name, refusal] as const))('%s', async (_name, refusal) => {
      const response = await call('GET', refusal.url, undefined, refusal.role === undefined ? 'advisor' : refusal.role);
      expect(response.statusCode).toBe(refusal.status);
      const problem = response.json();
      if (refusal.code) expect(problem.code).toBe(refusal.code);
      if (refusal.field)
        expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: refusal.field })]));
    });
  });
});
