import fc from 'fast-check';
import {
  AddMentionBody,
  AssertClaimBody,
  ChangeProviderAccountStatusBody,
  ComposeBriefBody,
  CreateAuditExportBody,
  CreateErasureBody,
  CreateEntityBody,
  findUnsafeText,
  IngestDocumentBody,
  PinSpanBody,
  PlaceHoldBody,
  RegisterProviderAccountBody,
  ReleaseHoldBody,
  RetractClaimBody,
  RetractMentionBody,
  SetRetentionClassBody,
  SkipFailedEventBody,
  SupersedeClaimBody,
  z,
} from '@ledger/contracts';
import type { WriteRequest } from './edgeTestKit';
import { calendarDate, dateTime, epochMillis, finiteNumber, fromPool, id, nonBlank, text } from './textArbitraries';

/** What earlier routes created, for later routes to refer to. */
export interface Pools {
  accounts: string[];
  /** documentVersionId → its document and the content it was ingested with. */
  versions: Map<string, { documentId: string; content: string }>;
  documents: string[];
  spans: string[];
  /** entityId → kind. */
  entities: Map<string, string>;
  mentions: Array<{ entityId: string; mentionId: string }>;
  claims: Array<{ claimId: string; subjectEntityId: string }>;
  holds: string[];
}

export interface Tokens {
  advisor: string;
  operator: string;
  /**
   * Compliance tokens of orgs that only exports write to: a bundle holds every event of its
   * range, prior exports included, so spreading them over orgs keeps each bundle small.
   */
  exporters: readonly string[];
  compliance: string;
}

/** The account every generated ingest may use: never patched, so ingests keep landing. */
export const MAIN_ACCOUNT = 'acct-main';

const KINDS = ['Household', 'Client', 'Account', 'LifeEvent', 'ActionItem'];

/** The claims service's default predicates: subject kinds, and the object's kinds or a literal. */
const PREDICATES: Record<string, { subjects: string[]; objects: string[] | 'literal' }> = {
  memberOf: { subjects: ['Client'], objects: ['Household'] },
  holdsAccount: { subjects: ['Client', 'Household'], objects: ['Account'] },
  accountType: { subjects: ['Account'], objects: 'literal' },
  experienced: { subjects: ['Client', 'Household'], objects: ['LifeEvent'] },
  occurredOn: { subjects: ['LifeEvent'], objects: 'literal' },
  hasActionItem: { subjects: ['Client', 'Household'], objects: ['ActionItem'] },
  status: { subjects: ['ActionItem'], objects: 'literal' },
  statedPreference: { subjects: ['Client', 'Household'], objects: 'literal' },
  emailAddress: { subjects: ['Client'], objects: 'literal' },
};

/** Keeps only what the route's schema accepts, as the edge would see it (after JSON). */
function accepted<T>(schema: z.ZodTypeAny, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return arbitrary.filter((value) => {
    const wire: unknown = JSON.parse(JSON.stringify(value));
    return findUnsafeText(wire) === null && schema.safeParse(wire).success;
  });
}

function maybe<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arbitrary, { nil: undefined });
}

/** Drops undefined fields, as JSON would. */
function defined<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function entitiesOf(pools: Pools, kinds: readonly string[]): string[] {
  return [...pools.entities].filter(([, kind]) => kinds.includes(kind)).map(([entityId]) => entityId);
}

/** A claim's predicate, subject and object, mostly consistent with the configuration. */
function claimParts(pools: Pools, subject?: string) {
  return fc.constantFrom(...Object.keys(PREDICATES)).chain((predicate) => {
    const rule = PREDICATES[predicate];
    const literal = fc.oneof(
      nonBlank(120).map((value) => ({ kind: 'literal' as const, value })),
      finiteNumber.map((value) => ({ kind: 'literal' as const, value })),
      fc.boolean().map((value) => ({ kind: 'literal' as const, value })),
    );
    const object =
      rule.objects === 'literal'
        ? literal
        : fc.oneof(
            {
              weight: 4,
              arbitrary: fromPool(entitiesOf(pools, rule.objects)).map((entityId) => ({
                kind: 'entity' as const,
                entityId,
              })),
            },
            { weight: 1, arbitrary: literal },
          );
    return fc.record({
      predicate: fc.constant(predicate),
      subjectEntityId: subject === undefined ? fromPool(entitiesOf(pools, rule.subjects)) : fc.constant(subject),
      object,
      spanIds: fc.array(fromPool(pools.spans), { minLength: 1, maxLength: 3 }),
    });
  });
}

/** One arbitrary of accepted requests per write route, `METHOD /path` as OpenAPI names it. */
export function writeRequests(
  pools: Pools,
  tokens: Tokens,
  projections: readonly string[],
): Record<string, () => fc.Arbitrary<WriteRequest>> {
  const post = (url: string, token: string) => (payload: unknown) =>
    ({ method: 'POST', url, token, payload: defined(payload as object) }) as WriteRequest;
  const { advisor, operator, exporters, compliance } = tokens;
  const seg = encodeURIComponent;
  return {
    'POST /v1/provider-accounts': () =>
      accepted(
        RegisterProviderAccountBody,
        fc.record({ id: maybe(id), provider: fc.constant('gmail'), label: nonBlank(100) }),
      ).map(post('/v1/provider-accounts', advisor)),

    'PATCH /v1/provider-accounts/{accountId}': () =>
      fc
        .record({
          accountId: fromPool(pools.accounts),
          body: accepted(
            ChangeProviderAccountStatusBody,
            fc.record({ status: fc.constantFrom('active', 'revoked', 'needs_relink') }),
          ),
        })
        .map(({ accountId, body }) => ({
          method: 'PATCH',
          url: `/v1/provider-accounts/${seg(accountId)}`,
          token: advisor,
          payload: body,
        })),

    'POST /v1/documents/ingest': () => {
      // Few message and thread ids, so that messages get new versions, resurrections and shared threads.
      const messages = fc.sample(id, { seed: 1, numRuns: 400 });
      const threads = fc.sample(id, { seed: 2, numRuns: 40 });
      return accepted(
        IngestDocumentBody,
        fc.record({
          providerAccountId: fc.oneof(
            { weight: 9, arbitrary: fc.constant(MAIN_ACCOUNT) },
            { weight: 1, arbitrary: fromPool(pools.accounts) },
          ),
          messageId: fc.constantFrom(...messages),
          threadId: fc.constantFrom(...threads),
          internalDate: epochMillis,
          historyId: id,
          from: nonBlank(60),
          to: fc.array(nonBlank(60), { maxLength: 4 }),
          cc: maybe(fc.array(nonBlank(60), { maxLength: 3 })),
          subject: text(0, 80),
          body: text(0, 400),
          labels: maybe(fc.array(text(1, 20), { maxLength: 4 })),
        }),
      ).map(post('/v1/documents/ingest', advisor));
    },

    'DELETE /v1/documents/{documentId}': () =>
      fc
        .record({
          documentId: fromPool(pools.documents),
          reason: maybe(fc.constantFrom('deleted_by_user', 'deleted_in_provider')),
        })
        .map(({ documentId, reason }) => ({
          method: 'DELETE',
          url: `/v1/documents/${seg(documentId)}${reason ? `?reason=${reason}` : ''}`,
          token: advisor,
        })),

    'POST /v1/spans': () => {
      const versions = [...pools.versions.keys()];
      return accepted(
        PinSpanBody,
        fc
          .record({
            spanId: maybe(id),
            documentVersionId: fromPool(versions),
            start: fc.nat(),
            length: fc.integer({ min: 1, max: 60 }),
          })
          .map(({ spanId, documentVersionId, start, length }) => {
            const version = pools.versions.get(documentVersionId);
            const content = version?.content ?? 'unknown version';
            const startChar = content.length === 0 ? 0 : start % content.length;
            const endChar = Math.min(content.length, startChar + length);
            return {
              spanId,
              documentId: version?.documentId ?? documentVersionId.split(':')[0] ?? 'doc',
              documentVersionId,
              startChar,
              endChar: Math.max(endChar, startChar + 1),
              text: content.slice(startChar, endChar) || 'x',
            };
          }),
      ).map(post('/v1/spans', advisor));
    },

    'POST /v1/entities': () =>
      accepted(
        CreateEntityBody,
        fc.record({
          entityId: maybe(id),
          kind: fc.oneof(
            { weight: 9, arbitrary: fc.constantFrom(...KINDS) },
            { weight: 1, arbitrary: fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,20}$/) },
          ),
          label: nonBlank(200),
        }),
      ).map(post('/v1/entities', advisor)),

    'POST /v1/entities/{entityId}/mentions': () =>
      fc
        .record({
          entityId: fromPool([...pools.entities.keys()]),
          body: accepted(AddMentionBody, fc.record({ mentionId: maybe(id), spanId: fromPool(pools.spans) })),
        })
        .map(({ entityId, body }) => post(`/v1/entities/${seg(entityId)}/mentions`, advisor)(body)),

    'POST /v1/entities/{entityId}/mentions/{mentionId}/retract': () => {
      const mention =
        pools.mentions.length > 0 ? fc.constantFrom(...pools.mentions) : fc.record({ entityId: id, mentionId: id });
      return fc
        .record({ mention, body: accepted(RetractMentionBody, fc.record({ reason: nonBlank(500) })) })
        .map(({ mention: { entityId, mentionId }, body }) =>
          post(`/v1/entities/${seg(entityId)}/mentions/${seg(mentionId)}/retract`, advisor)(body),
        );
    },

    'POST /v1/claims': () =>
      accepted(
        AssertClaimBody,
        fc
          .record({ claimId: maybe(id), parts: claimParts(pools) })
          .map(({ claimId, parts }) => ({ claimId, ...parts })),
      ).map(post('/v1/claims', advisor)),

    'POST /v1/claims/{claimId}/supersede': () => {
      const claim =
        pools.claims.length > 0 ? fc.constantFrom(...pools.claims) : fc.record({ claimId: id, subjectEntityId: id });
      return claim.chain(({ claimId, subjectEntityId }) =>
        accepted(
          SupersedeClaimBody,
          fc.record({
            reason: nonBlank(500),
            expectedRevision: maybe(fc.nat({ max: 4 })),
            replacement: fc
              .record({ claimId: maybe(id), same: fc.boolean(), parts: claimParts(pools, subjectEntityId) })
              .map(({ claimId: replacementId, same, parts }) => ({
                claimId: replacementId,
                ...parts,
                subjectEntityId: same ? subjectEntityId : undefined,
              })),
          }),
        ).map(post(`/v1/claims/${seg(claimId)}/supersede`, advisor)),
      );
    },

    'POST /v1/claims/{claimId}/retract': () =>
      fc
        .record({
          claimId: fromPool(pools.claims.map((claim) => claim.claimId)),
          body: accepted(
            RetractClaimBody,
            fc.record({ reason: nonBlank(500), expectedRevision: maybe(fc.nat({ max: 4 })) }),
          ),
        })
        .map(({ claimId, body }) => post(`/v1/claims/${seg(claimId)}/retract`, advisor)(body)),

    'POST /v1/briefs': () =>
      accepted(
        ComposeBriefBody,
        fc.record({
          subjectEntityId: fromPool(entitiesOf(pools, ['Client', 'Household'])),
          meetingDate: fc.oneof(calendarDate, fc.constantFrom('2026-03-01', '2026-03-15', '0000-01-01', '9999-12-31')),
          briefId: maybe(id),
          window: maybe(fc.record({ daysBefore: fc.nat({ max: 366 }), daysAfter: fc.nat({ max: 366 }) })),
        }),
      ).map(post('/v1/briefs', advisor)),

    'POST /v1/audit/exports': () =>
      accepted(
        CreateAuditExportBody,
        fc.record({
          from: dateTime,
          to: dateTime,
          categories: maybe(
            fc.array(
              fc.oneof(
                fc.constantFrom('evidence', 'claim', 'entity', 'brief'),
                fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/),
              ),
              { maxLength: 4 },
            ),
          ),
          actors: maybe(fc.array(nonBlank(40), { maxLength: 3 })),
          reason: nonBlank(500),
        }),
      ).chain((body) => fc.constantFrom(...exporters).map((token) => post('/v1/audit/exports', token)(body))),

    // A real rebuild replays the whole org; generated names exercise the route, and the
    // admin suites rebuild for real.
    'POST /v1/audit/projections/{name}/rebuild': () =>
      fc
        .stringMatching(/^[a-z][a-z0-9_.-]{0,40}$/)
        .filter((name) => !projections.includes(name))
        .map((name) => ({ method: 'POST', url: `/v1/audit/projections/${seg(name)}/rebuild`, token: operator })),

    'POST /v1/audit/projections/{name}/resume': () =>
      fc
        .oneof(fc.constantFrom(...projections), fc.stringMatching(/^[a-z][a-z0-9_.-]{0,40}$/))
        .map((name) => ({ method: 'POST', url: `/v1/audit/projections/${seg(name)}/resume`, token: operator })),

    'POST /v1/audit/projections/{name}/skip': () =>
      fc
        .record({
          name: fc.oneof(fc.constantFrom(...projections), fc.stringMatching(/^[a-z][a-z0-9_.-]{0,40}$/)),
          body: accepted(SkipFailedEventBody, fc.record({ reason: nonBlank(500), expectedSeq: maybe(fc.nat()) })),
        })
        .map(({ name, body }) => post(`/v1/audit/projections/${seg(name)}/skip`, operator)(body)),

    'PUT /v1/audit/retention/classes/{category}': () =>
      fc
        .record({
          category: fc.oneof(
            fc.constantFrom('evidence', 'claim', 'entity', 'brief'),
            fc.stringMatching(/^[a-z][a-z0-9_]{0,39}$/),
          ),
          body: accepted(
            SetRetentionClassBody,
            fc.record({
              regulation: fc.constantFrom('sec-17a-4', 'finra-4511', 'advisers-204-2'),
              durationMonths: maybe(fc.integer({ min: 1, max: 1200 })),
              reason: nonBlank(1000),
            }),
          ),
        })
        .map(({ category, body }) => ({
          method: 'PUT',
          url: `/v1/audit/retention/classes/${seg(category)}`,
          token: compliance,
          payload: defined(body),
        })),

    'POST /v1/audit/holds': () =>
      accepted(
        PlaceHoldBody,
        fc.record({
          scope: fc.oneof(
            fc.record({
              kind: fc.constant('stream' as const),
              streamId: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}-[A-Za-z0-9][A-Za-z0-9._:-]{0,40}$/),
            }),
            fc.record({
              kind: fc.constant('category' as const),
              category: fc.stringMatching(/^[a-z][a-z0-9_]{0,39}$/),
            }),
            fc.record({ kind: fc.constant('entity' as const), entityId: fromPool([...pools.entities.keys()]) }),
            fc.record({ kind: fc.constant('time-range' as const), from: dateTime, to: dateTime }),
          ),
          reason: nonBlank(1000),
        }),
      ).map(post('/v1/audit/holds', compliance)),

    'DELETE /v1/audit/holds/{holdId}': () =>
      fc
        .record({
          // Holds placed by the route before, released at most once; now and then one nobody placed.
          holdId:
            pools.holds.length === 0
              ? fc.uuid()
              : fc.oneof(
                  { weight: 4, arbitrary: fc.constantFrom(...pools.holds) },
                  { weight: 1, arbitrary: fc.uuid() },
                ),
          body: accepted(ReleaseHoldBody, fc.record({ reason: nonBlank(1000) })),
        })
        .map(({ holdId, body }) => ({
          method: 'DELETE',
          url: `/v1/audit/holds/${seg(holdId)}`,
          token: compliance,
          payload: defined(body),
        })),

    // Each erasure request reads its whole org to find the client's streams, so generated ones go
    // to the small export-only orgs: the edge and the refusals are what this route exercises
    // here; the erasure suites of the audit service erase for real.
    'POST /v1/audit/erasures': () =>
      accepted(CreateErasureBody, fc.record({ entityId: fc.oneof(fromPool([...pools.entities.keys()]), id) })).chain(
        (body) => fc.constantFrom(...exporters).map((token) => post('/v1/audit/erasures', token)(body)),
      ),

    'POST /v1/audit/erasures/apply-due': () =>
      fc.constantFrom(...exporters).map((token) => ({ method: 'POST', url: '/v1/audit/erasures/apply-due', token })),
  };
}
