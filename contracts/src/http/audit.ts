import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod';
import { CursorSchema, LimitSchema } from './common';
import { registerErasureRoutes } from './erasure';
import { registerRoute } from './registry';

/** ISO 8601 date-time with a time zone (`Z` or an offset), as RFC 3339 writes it. */
const DateTimeSchema = z.string().max(40).datetime({ offset: true });
const ActorSchema = z.string().min(1).max(200);
const CategorySchema = z
  .string()
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, 'must be a stream category: lower-case letters, digits and _');
const StreamIdSchema = z
  .string()
  .max(241)
  .regex(/^[a-z][a-z0-9_]{0,39}-[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/, 'must be a stream id <category>-<id>');
const EventTypeSchema = z
  .string()
  .max(128)
  .regex(/^[A-Za-z][A-Za-z0-9._-]*$/, 'must be an event type');
const ProjectionNameSchema = z
  .string()
  .max(63)
  .regex(/^[a-z][a-z0-9_.-]*$/, 'must be a projection name such as audit.trail');
const ReasonSchema = z.string().trim().min(1).max(500);

// ---- GET /v1/audit/events -------------------------------------------------------------------

export const AuditTrailQuery = z
  .object({
    from: DateTimeSchema.optional().openapi({ description: 'Recorded at or after (inclusive).' }),
    to: DateTimeSchema.optional().openapi({ description: 'Recorded before (exclusive).' }),
    actor: ActorSchema.optional(),
    streamId: StreamIdSchema.optional(),
    category: CategorySchema.optional().openapi({
      description: 'Stream category: the stream id before its first `-`.',
    }),
    type: EventTypeSchema.optional(),
    accessOnly: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional()
      .openapi({ description: 'Only evidence access: EvidenceListed and BriefViewed events.' }),
    limit: LimitSchema,
    cursor: CursorSchema.openapi({ description: 'The `nextCursor` of the previous page.' }),
  })
  .strict()
  .openapi('AuditTrailQuery');
export type AuditTrailQuery = z.infer<typeof AuditTrailQuery>;

export const AuditTrailItem = z
  .object({
    orgSeq: z.number().int().openapi({ description: "The event's place in the org's ledger order (and Merkle tree)." }),
    position: z.number().int().openapi({ description: 'Global ledger position (insertion identity).' }),
    eventId: z.string(),
    streamId: z.string(),
    category: z.string(),
    type: z.string(),
    actor: z.string(),
    correlationId: z.string().nullable(),
    recordedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('AuditTrailItem');

export const AuditTrailPage = z
  .object({
    items: z.array(AuditTrailItem),
    nextCursor: z.string().nullable().openapi({ description: 'Null on the last page.' }),
  })
  .openapi('AuditTrailPage');
export type AuditTrailPage = z.infer<typeof AuditTrailPage>;

// ---- POST /v1/audit/exports -----------------------------------------------------------------

export const CreateAuditExportBody = z
  .object({
    from: DateTimeSchema.openapi({ description: 'Events recorded at or after (inclusive).' }),
    to: DateTimeSchema.openapi({ description: 'Events recorded before (exclusive).' }),
    categories: z
      .array(CategorySchema)
      .max(50)
      .optional()
      .openapi({ description: 'Stream categories; all when absent.' }),
    actors: z.array(ActorSchema).max(50).optional().openapi({
      description: "Actor ids; all when absent. Recorded in the export's sealed (encrypted, shreddable) part.",
    }),
    reason: ReasonSchema.openapi({
      description:
        "Why the export is made (a case or request id). Free text, so recorded only in the export's sealed (encrypted, shreddable) part.",
    }),
  })
  .strict()
  .openapi('CreateAuditExportBody');
export type CreateAuditExportBody = z.infer<typeof CreateAuditExportBody>;

/** Response headers of an export: the bundle itself is the body. */
export const AUDIT_EXPORT_HEADERS = {
  exportId: 'x-audit-export-id',
  eventId: 'x-audit-event-id',
  manifestSha256: 'x-audit-manifest-sha256',
} as const;

// ---- GET /v1/audit/verify -------------------------------------------------------------------

export const VerificationFinding = z
  .object({
    kind: z.enum(['modified', 'removed', 'inserted', 'reordered', 'forged_tree_head', 'root_mismatch']),
    orgSeq: z.number().int().optional(),
    otherOrgSeq: z.number().int().optional(),
    treeSize: z.number().int().optional(),
    reason: z.string(),
  })
  .openapi('VerificationFinding');

export const VerificationReport = z
  .object({
    orgId: z.string(),
    ok: z.boolean(),
    events: z.number().int().openapi({ description: 'Rows re-hashed and checked.' }),
    treeHeads: z.number().int().openapi({ description: 'Signed tree heads checked.' }),
    findings: z.array(VerificationFinding),
    truncated: z.boolean().openapi({ description: 'More findings existed than were returned.' }),
  })
  .openapi('VerificationReport');

// ---- /v1/audit/projections ------------------------------------------------------------------

export const ProjectionNameParams = z.object({ name: ProjectionNameSchema }).strict();
export type ProjectionNameParams = z.infer<typeof ProjectionNameParams>;

export const ProjectionStatus = z
  .object({
    projection: z.string(),
    orgId: z.string(),
    status: z.enum(['running', 'failed', 'new']),
    version: z.number().int().nullable(),
    outdated: z.boolean(),
    activeGeneration: z.number().int().nullable(),
    checkpoint: z.number().int(),
    head: z.number().int(),
    lagEvents: z.number().int(),
    failure: z
      .object({
        seq: z.number().int(),
        eventId: z.string().nullable(),
        eventType: z.string().nullable(),
        error: z.string().nullable(),
      })
      .nullable(),
    rebuild: z
      .object({
        generation: z.number().int(),
        dryRun: z.boolean(),
        done: z.number().int(),
        total: z.number().int(),
        startedAt: z.string(),
      })
      .nullable(),
  })
  .openapi('ProjectionStatus');

export const ProjectionStatusList = z.object({ items: z.array(ProjectionStatus) }).openapi('ProjectionStatusList');

export const RebuildResult = z
  .object({
    projection: z.string(),
    orgId: z.string(),
    generation: z.number().int(),
    previousGeneration: z.number().int(),
    outcome: z.enum(['switched', 'compared', 'cancelled']),
    eventsApplied: z.number().int(),
    seconds: z.number(),
    switchSeconds: z.number(),
    comparison: z.unknown().nullable(),
  })
  .openapi('ProjectionRebuildResult');

export const SkipFailedEventBody = z
  .object({
    reason: ReasonSchema.openapi({
      description:
        'Why the event is skipped (an incident id). Free text, so recorded only in the sealed part of the ledger event.',
    }),
    expectedSeq: z
      .number()
      .int()
      .min(0)
      .optional()
      .openapi({ description: 'The failing org_seq as seen in the status; refused if it changed.' }),
  })
  .strict()
  .openapi('SkipFailedEventBody');
export type SkipFailedEventBody = z.infer<typeof SkipFailedEventBody>;

export const ResumeResult = z.object({ retrySeq: z.number().int() }).openapi('ProjectionResumeResult');
export const SkipResult = z
  .object({ skippedSeq: z.number().int(), skippedEventId: z.string().nullable() })
  .openapi('ProjectionSkipResult');

// ---- /v1/audit/retention and /v1/audit/holds -------------------------------------------------

const ComplianceReasonSchema = z.string().trim().min(1).max(1000);
const EntityIdSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/, 'must be an entity id');
const HoldIdSchema = z.string().uuid();

export const RetentionCategoryParams = z.object({ category: CategorySchema }).strict();
export type RetentionCategoryParams = z.infer<typeof RetentionCategoryParams>;

export const SetRetentionClassBody = z
  .object({
    regulation: z.enum(['sec-17a-4', 'finra-4511', 'advisers-204-2']).openapi({
      description: 'The regulation whose floor applies: sec-17a-4 and finra-4511 72 months, advisers-204-2 60 months.',
    }),
    durationMonths: z.number().int().min(1).max(1200).optional().openapi({
      description:
        'Months the personal data is kept after the stream’s last event; the floor when absent. Below the floor: 422 RETENTION.BELOW_FLOOR.',
    }),
    reason: ComplianceReasonSchema.openapi({
      description: 'Why the class is set. Free text, so recorded only in the sealed part of the ledger event.',
    }),
  })
  .strict()
  .openapi('SetRetentionClassBody');
export type SetRetentionClassBody = z.infer<typeof SetRetentionClassBody>;

export const RetentionClass = z
  .object({
    category: z.string(),
    regulation: z.string(),
    durationMonths: z.number().int(),
    setAt: z.string().openapi({ format: 'date-time' }),
    setEventId: z.string().openapi({ description: 'The RetentionClassSet event recording the change.' }),
  })
  .openapi('RetentionClass');
export const RetentionClassList = z.object({ items: z.array(RetentionClass) }).openapi('RetentionClassList');

export const HoldScope = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('stream'), streamId: StreamIdSchema }).strict(),
    z.object({ kind: z.literal('category'), category: CategorySchema }).strict(),
    z.object({ kind: z.literal('entity'), entityId: EntityIdSchema }).strict(),
    z
      .object({
        kind: z.literal('time-range'),
        from: DateTimeSchema.openapi({ description: 'Streams with an event recorded at or after (inclusive)…' }),
        to: DateTimeSchema.openapi({ description: '…and before (exclusive).' }),
      })
      .strict(),
  ])
  .openapi('HoldScope', {
    description:
      'What the hold covers: one stream, a stream category, the streams named for an entity (`<category>-<entityId>`), or every stream with an event recorded in [from, to).',
  });
export type HoldScope = z.infer<typeof HoldScope>;

export const PlaceHoldBody = z
  .object({
    scope: HoldScope,
    reason: ComplianceReasonSchema.openapi({
      description:
        'Why the hold is placed (a matter or case id). Recorded only in the sealed part of the ledger event.',
    }),
  })
  .strict()
  .openapi('PlaceHoldBody');
export type PlaceHoldBody = z.infer<typeof PlaceHoldBody>;

export const ReleaseHoldBody = z
  .object({ reason: ComplianceReasonSchema.openapi({ description: 'Why the hold is released; sealed.' }) })
  .strict()
  .openapi('ReleaseHoldBody');
export type ReleaseHoldBody = z.infer<typeof ReleaseHoldBody>;

export const HoldIdParams = z.object({ holdId: HoldIdSchema }).strict();
export type HoldIdParams = z.infer<typeof HoldIdParams>;

export const HoldListQuery = z
  .object({
    includeReleased: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional()
      .openapi({ description: 'Also the released holds.' }),
  })
  .strict()
  .openapi('HoldListQuery');
export type HoldListQuery = z.infer<typeof HoldListQuery>;

export const LegalHold = z
  .object({
    holdId: z.string(),
    scope: HoldScope,
    placedAt: z.string().openapi({ format: 'date-time' }),
    placedBy: z.string(),
    releasedAt: z.string().nullable().openapi({ format: 'date-time' }),
    releasedBy: z.string().nullable(),
  })
  .openapi('LegalHold');
export const LegalHoldList = z.object({ items: z.array(LegalHold) }).openapi('LegalHoldList');

const json = <T extends z.ZodTypeAny>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});

export function registerAuditRoutes(registry: OpenAPIRegistry): void {
  registerRoute(registry, {
    method: 'get',
    path: '/v1/audit/events',
    tags: ['audit'],
    summary: "The org's audit trail: who did what, when (compliance, operator)",
    description:
      'Every ledger event of the token’s org, in ledger order, filtered by time range, actor, stream, category and type; `accessOnly=true` shows evidence access only. Cursor-paginated.',
    request: { query: AuditTrailQuery },
    responses: { 200: json('A page of the trail', AuditTrailPage) },
  });
  registerRoute(registry, {
    method: 'post',
    readYourWrites: true,
    path: '/v1/audit/exports',
    tags: ['audit'],
    summary: 'Export the trail as an offline-verifiable bundle (compliance)',
    description:
      'Streams a `.tar.gz` audit bundle (format in contracts/audit-export.md): the ledger events of the range with proofs, the signed tree head, the public keys, trail.jsonl and events.csv of the selected events with personal parts decrypted where not erased, and a signed manifest. Each export is recorded in the ledger as `AuditExported` before the bundle is sent. Check it with `npm run verify-bundle -- BUNDLE.tar.gz` (the file as received, or its extracted folder).',
    request: { body: { content: { 'application/json': { schema: CreateAuditExportBody } } } },
    responses: {
      200: {
        description: 'The bundle',
        headers: z.object({
          [AUDIT_EXPORT_HEADERS.exportId]: z.string().openapi({ description: 'The export id' }),
          [AUDIT_EXPORT_HEADERS.eventId]: z.string().openapi({ description: 'The AuditExported event id' }),
          [AUDIT_EXPORT_HEADERS.manifestSha256]: z.string().openapi({ description: 'SHA-256 of manifest.json' }),
        }),
        content: { 'application/gzip': { schema: z.string().openapi({ format: 'binary' }) } },
      },
    },
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/audit/verify',
    tags: ['audit'],
    summary: "Verify the org's ledger end to end (compliance, operator)",
    description:
      'Re-hashes every event of the token’s org and checks every signed tree head against the configured public keys; reports each problem at its exact org_seq.',
    responses: { 200: json('The verification report', VerificationReport) },
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/audit/projections',
    tags: ['audit'],
    summary: 'Projection status for the org (operator)',
    responses: { 200: json('Each projection of the org', ProjectionStatusList) },
  });
  registerRoute(registry, {
    method: 'post',
    path: '/v1/audit/projections/{name}/rebuild',
    tags: ['audit'],
    summary: 'Rebuild one projection for the org and switch to it (operator)',
    request: { params: ProjectionNameParams },
    responses: { 200: json('The rebuild', RebuildResult) },
    extraErrors: [404, 409],
  });
  registerRoute(registry, {
    method: 'post',
    path: '/v1/audit/projections/{name}/resume',
    tags: ['audit'],
    summary: "Retry a failed projection's failing event for the org (operator)",
    request: { params: ProjectionNameParams },
    responses: { 200: json('The event to be retried', ResumeResult) },
    extraErrors: [404, 409],
  });
  registerRoute(registry, {
    method: 'post',
    path: '/v1/audit/projections/{name}/skip',
    tags: ['audit'],
    summary: "Skip a failed projection's failing event for the org, with a reason (operator)",
    request: {
      params: ProjectionNameParams,
      body: { content: { 'application/json': { schema: SkipFailedEventBody } } },
    },
    responses: { 200: json('The skipped event', SkipResult) },
    extraErrors: [404, 409],
  });
  registerRoute(registry, {
    method: 'put',
    path: '/v1/audit/retention/classes/{category}',
    tags: ['audit'],
    summary: "Set a stream category's retention class (compliance)",
    description:
      'The regulation and how long the category’s streams keep their personal data after their last event; never below the regulation’s floor (refused by the database too). Recorded as `RetentionClassSet` in the org’s `audit-compliance` stream. See docs/compliance.md.',
    request: {
      params: RetentionCategoryParams,
      body: { content: { 'application/json': { schema: SetRetentionClassBody } } },
    },
    responses: { 200: json('The class as set', RetentionClass) },
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/audit/retention/classes',
    tags: ['audit'],
    summary: "The org's retention classes (compliance)",
    responses: { 200: json('Every class of the org, by category', RetentionClassList) },
  });
  registerRoute(registry, {
    method: 'post',
    path: '/v1/audit/holds',
    tags: ['audit'],
    summary: 'Place a legal hold (compliance)',
    description:
      'Blocks retention expiry and erasure of everything the scope covers until released. Recorded as `LegalHoldPlaced`; a sweep in flight finishes its batch first, and no later shred passes the hold.',
    request: { body: { content: { 'application/json': { schema: PlaceHoldBody } } } },
    responses: { 201: json('The hold', LegalHold) },
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/audit/holds',
    tags: ['audit'],
    summary: "The org's legal holds in force, newest first (compliance)",
    request: { query: HoldListQuery },
    responses: { 200: json('The holds', LegalHoldList) },
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/audit/holds/{holdId}',
    tags: ['audit'],
    summary: 'One legal hold (compliance)',
    request: { params: HoldIdParams },
    responses: { 200: json('The hold', LegalHold) },
    extraErrors: [404],
  });
  registerRoute(registry, {
    method: 'delete',
    path: '/v1/audit/holds/{holdId}',
    tags: ['audit'],
    summary: 'Release a legal hold, with a reason (compliance)',
    description: 'Recorded as `LegalHoldReleased`. A hold is released once: again is 409 `RETENTION.ALREADY_RELEASED`.',
    request: {
      params: HoldIdParams,
      body: { content: { 'application/json': { schema: ReleaseHoldBody } } },
    },
    responses: { 200: json('The released hold', LegalHold) },
    extraErrors: [404, 409],
  });
  registerErasureRoutes(registry);
}
