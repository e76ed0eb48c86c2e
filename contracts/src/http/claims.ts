import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod';
import { CursorSchema, IdSchema, LimitSchema } from './common';
import { AsOfQuery, RecordHistorySchema } from './history';
import { registerRoute } from './registry';

/** Claims service: entities with mentions of evidence spans, and claims citing spans. */

const MAX_LABEL = 200;
const MAX_REASON = 500;
const MAX_LITERAL = 1000;
const MAX_CITATIONS = 50;

const KindSchema = z
  .string()
  .regex(/^[A-Z][A-Za-z0-9]{0,63}$/, 'must be a PascalCase kind name')
  .openapi({ description: 'A configured entity kind: Household, Client, Account, LifeEvent, ActionItem, or more.' });

const PredicateSchema = z
  .string()
  .regex(/^[a-z][A-Za-z0-9]{0,63}$/, 'must be a camelCase predicate name')
  .openapi({ description: 'A configured predicate, e.g. memberOf, holdsAccount, emailAddress.' });

const ReasonSchema = z
  .string()
  .regex(/\S/, 'must not be blank')
  .max(MAX_REASON)
  .openapi({ description: 'Free text, so personal: stored only encrypted in the ledger.' });

const RevisionSchema = z
  .number()
  .int()
  .min(0)
  .openapi({ description: 'The stream revision the caller read; a 409 when the claim has moved on since.' });

/** C-05: a pinned span; offsets are 0-based, half-open UTF-16 code units into that exact version. */
export const ClaimsSpanReferenceSchema = z
  .object({
    spanId: z.string(),
    documentId: z.string(),
    documentVersionId: z.string(),
    startChar: z.number().int(),
    endChar: z.number().int(),
  })
  .openapi('ClaimsSpanReference');

// ---- requests

export const CreateEntityBody = z
  .object({
    entityId: IdSchema.optional().openapi({
      description: 'Chosen by the client for idempotent retries; generated when absent.',
    }),
    kind: KindSchema,
    label: z
      .string()
      .regex(/\S/, 'must not be blank')
      .max(MAX_LABEL)
      .openapi({ description: 'Personal: stored only encrypted in the ledger.' }),
  })
  .strict()
  .openapi('CreateEntityRequest');
export type CreateEntityBody = z.infer<typeof CreateEntityBody>;

export const AddMentionBody = z
  .object({
    mentionId: IdSchema.optional(),
    spanId: IdSchema.openapi({ description: "A span pinned to its document's current version, in the same org." }),
  })
  .strict()
  .openapi('AddMentionRequest');
export type AddMentionBody = z.infer<typeof AddMentionBody>;

export const RetractMentionBody = z.object({ reason: ReasonSchema }).strict().openapi('RetractMentionRequest');
export type RetractMentionBody = z.infer<typeof RetractMentionBody>;

const LiteralValueSchema = z.union([
  z.string().regex(/\S/, 'must not be blank').max(MAX_LITERAL),
  z.number().finite(),
  z.boolean(),
]);

export const ClaimObjectBody = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('entity'), entityId: IdSchema }).strict(),
    z
      .object({
        kind: z.literal('literal'),
        value: LiteralValueSchema.openapi({ description: 'A claim statement: personal, stored only encrypted.' }),
      })
      .strict(),
  ])
  .openapi('ClaimObjectInput');
export type ClaimObjectBody = z.infer<typeof ClaimObjectBody>;

const SpanIdsSchema = z
  .array(IdSchema)
  .min(1, 'must cite at least one span')
  .max(MAX_CITATIONS)
  .openapi({ description: "Spans of the same org pinned to their documents' current versions." });

export const AssertClaimBody = z
  .object({
    claimId: IdSchema.optional(),
    subjectEntityId: IdSchema,
    predicate: PredicateSchema,
    object: ClaimObjectBody,
    spanIds: SpanIdsSchema,
  })
  .strict()
  .openapi('AssertClaimRequest');
export type AssertClaimBody = z.infer<typeof AssertClaimBody>;

export const SupersedeClaimBody = z
  .object({
    reason: ReasonSchema,
    expectedRevision: RevisionSchema.optional(),
    replacement: z
      .object({
        claimId: IdSchema.optional(),
        subjectEntityId: IdSchema.optional().openapi({ description: "Must equal the superseded claim's subject." }),
        predicate: PredicateSchema,
        object: ClaimObjectBody,
        spanIds: SpanIdsSchema,
      })
      .strict(),
  })
  .strict()
  .openapi('SupersedeClaimRequest');
export type SupersedeClaimBody = z.infer<typeof SupersedeClaimBody>;

export const RetractClaimBody = z
  .object({ reason: ReasonSchema, expectedRevision: RevisionSchema.optional() })
  .strict()
  .openapi('RetractClaimRequest');
export type RetractClaimBody = z.infer<typeof RetractClaimBody>;

export const ListClaimsQuery = z
  .object({
    subjectEntityId: IdSchema,
    include: z
      .enum(['current', 'all'])
      .default('current')
      .openapi({ description: '`all` adds superseded and retracted claims.' }),
    limit: LimitSchema,
    cursor: CursorSchema,
  })
  .strict();
export type ListClaimsQuery = z.infer<typeof ListClaimsQuery>;

export const EntityIdParams = z.object({ entityId: IdSchema }).strict();
export const MentionParams = z.object({ entityId: IdSchema, mentionId: IdSchema }).strict();
export const ClaimIdParams = z.object({ claimId: IdSchema }).strict();

// ---- responses

const StatusSchema = z.enum(['current', 'superseded', 'retracted']);
const PersonalStateSchema = z.enum(['present', 'erased', 'withheld']);

const ReasonViewSchema = z.string().nullable().openapi({
  description:
    'Why it was retracted or superseded: sealed in the ledger and opened at read time; null unless reasonState is present.',
});
const ReasonStateSchema = z.enum(['none', 'present', 'erased', 'withheld']).openapi({
  description: 'none: not ended, so no reason; erased: the stream was shredded; withheld: not for this role.',
});

export const EntityReceiptSchema = z
  .object({ entityId: z.string(), kind: z.string(), revision: z.number().int() })
  .openapi('EntityReceipt');

export const MentionReceiptSchema = z
  .object({
    entityId: z.string(),
    mentionId: z.string(),
    span: ClaimsSpanReferenceSchema,
    retracted: z.boolean(),
    revision: z.number().int(),
  })
  .openapi('MentionReceipt');

export const ClaimReceiptSchema = z
  .object({
    claimId: z.string(),
    status: StatusSchema,
    revision: z.number().int(),
    supersededBy: z.string().optional(),
  })
  .openapi('ClaimReceipt');

export const SupersedeReceiptSchema = ClaimReceiptSchema.extend({ replacement: ClaimReceiptSchema }).openapi(
  'SupersedeReceipt',
);

export const EntitySchema = z
  .object({
    entityId: z.string(),
    kind: z.string(),
    label: z.string().nullable().openapi({ description: 'Null when erased or withheld from the role.' }),
    labelState: PersonalStateSchema,
    createdAt: z.string(),
    revision: z.number().int(),
    mentions: z.array(
      z.object({
        mentionId: z.string(),
        span: ClaimsSpanReferenceSchema,
        addedAt: z.string(),
        retracted: z.boolean(),
        reason: ReasonViewSchema,
        reasonState: ReasonStateSchema,
        retractedAt: z.string().nullable(),
      }),
    ),
  })
  .openapi('Entity');

const ClaimObjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('entity'), entityId: z.string() }),
  z.object({
    kind: z.literal('literal'),
    value: z.union([z.string(), z.number(), z.boolean()]).nullable(),
    valueState: PersonalStateSchema,
  }),
]);

export const ClaimSchema = z
  .object({
    claimId: z.string(),
    subjectEntityId: z.string(),
    predicate: z.string(),
    object: ClaimObjectSchema,
    citations: z.array(ClaimsSpanReferenceSchema),
    status: StatusSchema,
    supersedes: z.string().nullable(),
    supersededBy: z.string().nullable(),
    reason: ReasonViewSchema,
    reasonState: ReasonStateSchema,
    revision: z.number().int(),
    assertedAt: z.string(),
    staleEvidence: z
      .boolean()
      .openapi({ description: "A cited span pins a version that is no longer its document's latest." }),
    staleSpanIds: z.array(z.string()),
  })
  .openapi('Claim');

export const ClaimDetailSchema = ClaimSchema.extend({
  history: z.array(
    z.object({
      type: z.enum(['asserted', 'superseded', 'retracted']),
      eventId: z.string(),
      at: z.string(),
      actor: z.string().nullable(),
      reason: ReasonViewSchema,
      reasonState: ReasonStateSchema,
      supersedes: z.string().nullable(),
      supersededBy: z.string().nullable(),
    }),
  ),
}).openapi('ClaimDetail');

export const ClaimListSchema = z
  .object({ items: z.array(ClaimSchema), nextCursor: z.string().nullable() })
  .openapi('ClaimList');

// ---- routes

const json = (schema: z.ZodTypeAny, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = (schema: z.ZodTypeAny) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const WRITE = 'Role: advisor.';
const READ = 'Roles: advisor, compliance.';

export function registerClaimsRoutes(registry: OpenAPIRegistry): void {
  registerRoute(registry, {
    method: 'post',
    readYourWrites: true,
    path: '/v1/entities',
    tags: ['claims'],
    summary: 'Create an entity (label personal)',
    description: WRITE,
    request: body(CreateEntityBody),
    responses: { 201: json(EntityReceiptSchema, 'Created') },
    extraErrors: [409],
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/entities/{entityId}',
    tags: ['claims'],
    summary: 'An entity with its label and mentions',
    description: READ,
    request: { params: EntityIdParams },
    responses: { 200: json(EntitySchema, 'The entity') },
    extraErrors: [404],
  });
  registerRoute(registry, {
    method: 'post',
    readYourWrites: true,
    path: '/v1/entities/{entityId}/mentions',
    tags: ['claims'],
    summary: 'Mention an entity at an evidence span',
    description: WRITE,
    request: { params: EntityIdParams, ...body(AddMentionBody) },
    responses: { 201: json(MentionReceiptSchema, 'Added (or already added with this span)') },
    extraErrors: [404, 409],
  });
  registerRoute(registry, {
    method: 'post',
    readYourWrites: true,
    path: '/v1/entities/{entityId}/mentions/{mentionId}/retract',
    tags: ['claims'],
    summary: 'Retract a mention with a reason; it stays in history',
    description: WRITE,
    request: { params: MentionParams, ...body(RetractMentionBody) },
    responses: { 200: json(MentionReceiptSchema, 'Retracted') },
    extraErrors: [404, 409],
  });
  registerRoute(registry, {
    method: 'post',
    readYourWrites: true,
    path: '/v1/claims',
    tags: ['claims'],
    summary: 'Assert a claim citing at least one evidence span',
    description: WRITE,
    request: body(AssertClaimBody),
    responses: { 201: json(ClaimReceiptSchema, 'Asserted') },
    extraErrors: [404, 409],
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/claims',
    tags: ['claims'],
    summary: "A subject entity's claims, current ones unless include=all",
    description: READ,
    request: { query: ListClaimsQuery },
    responses: { 200: json(ClaimListSchema, 'A page of claims in assertion order') },
    extraErrors: [404],
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/claims/{claimId}',
    tags: ['claims'],
    summary: 'A claim with citations, stale-evidence flag and history; with asOf, as it stood then',
    description:
      READ +
      ' With `asOf`, the claim is folded from its ledger stream as recorded at or before that instant (its history ' +
      'too); the stale-evidence flag always compares with the documents as they are now.',
    request: { params: ClaimIdParams, query: AsOfQuery },
    responses: { 200: json(ClaimDetailSchema, 'The claim') },
    extraErrors: [404],
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/claims/{claimId}/history',
    tags: ['claims'],
    summary: 'Every version of a claim from its ledger stream, with actor, time and reason',
    description: READ,
    request: { params: ClaimIdParams },
    responses: { 200: json(RecordHistorySchema, 'The history, oldest first') },
    extraErrors: [404],
  });
  registerRoute(registry, {
    method: 'post',
    readYourWrites: true,
    path: '/v1/claims/{claimId}/supersede',
    tags: ['claims'],
    summary: 'Replace a current claim with a new one about the same subject',
    description: WRITE,
    request: { params: ClaimIdParams, ...body(SupersedeClaimBody) },
    responses: { 201: json(SupersedeReceiptSchema, 'Superseded; the replacement is current') },
    extraErrors: [404, 409],
  });
  registerRoute(registry, {
    method: 'post',
    readYourWrites: true,
    path: '/v1/claims/{claimId}/retract',
    tags: ['claims'],
    summary: 'Retract a current claim with a reason',
    description: WRITE,
    request: { params: ClaimIdParams, ...body(RetractClaimBody) },
    responses: { 200: json(ClaimReceiptSchema, 'Retracted') },
    extraErrors: [404, 409],
  });
}
