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
  registerErasureRoutes(registry);
}
