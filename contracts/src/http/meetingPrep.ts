import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod';
import { CursorSchema, IdSchema, LimitSchema } from './common';
import { AsOfQuery, RecordHistorySchema } from './history';
import { registerRoute } from './registry';

/**
 * The disclaimer every brief carries, word for word. The response schema accepts this exact
 * text and nothing else, so no brief can be returned without it.
 */
export const BRIEF_DISCLAIMER =
  'Informational only: this brief is not investment, legal or tax advice and does not guarantee any outcome. It was composed from recorded claims and messages; verify every point against the cited sources before relying on it.';

const MAX_WINDOW_DAYS = 366;

/** A calendar date `YYYY-MM-DD` that exists (UTC). */
const CalendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => {
    const ms = Date.parse(`${value}T00:00:00.000Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
  }, 'must be a calendar date YYYY-MM-DD')
  .openapi({ example: '2025-06-15' });

const DaysSchema = z.number().int().min(0).max(MAX_WINDOW_DAYS);

export const ComposeBriefBody = z
  .object({
    subjectEntityId: IdSchema.openapi({ description: 'A Client or Household entity of the token’s org.' }),
    meetingDate: CalendarDateSchema,
    briefId: IdSchema.optional().openapi({
      description: 'Chosen by the caller to make retries idempotent; generated when absent.',
    }),
    window: z
      .object({ daysBefore: DaysSchema, daysAfter: DaysSchema })
      .strict()
      .optional()
      .openapi({ description: 'Whole UTC days around the meeting date whose threads are read; default ±30.' }),
  })
  .strict()
  .openapi('ComposeBriefBody');
export type ComposeBriefBody = z.infer<typeof ComposeBriefBody>;

export const BriefIdParam = z.object({ briefId: IdSchema }).strict();

export const ListBriefsQuery = z
  .object({ subjectEntityId: IdSchema, limit: LimitSchema, cursor: CursorSchema })
  .strict()
  .openapi('ListBriefsQuery');
export type ListBriefsQuery = z.infer<typeof ListBriefsQuery>;

/** C-05: 0-based, half-open UTF-16 offsets into one exact document version. */
export const PinnedSpanSchema = z
  .object({
    spanId: z.string().max(200).nullable().openapi({
      description: 'The evidence span, or null for a location the brief pins itself (an excerpt, a phrase).',
    }),
    documentId: z.string().max(200),
    documentVersionId: z.string().max(200),
    startChar: z.number().int().min(0),
    endChar: z.number().int().min(1),
  })
  .openapi('PinnedSpan');

export const CitationSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('claim'),
      claimId: z.string().max(200),
      claimRevision: z.number().int().min(0),
      spans: z.array(PinnedSpanSchema).nonempty(),
    }),
    z.object({ kind: z.literal('mention'), mentionId: z.string().max(200), span: PinnedSpanSchema }),
    z.object({ kind: z.literal('span'), span: PinnedSpanSchema }),
  ])
  .openapi('Citation');

export const SECTION_NAMES = ['summary', 'recentCommunications', 'openActionItems', 'complianceNotes'] as const;

export const BulletSchema = z
  .object({
    bulletId: z.string().max(200).openapi({ description: 'Filter Evidence.List by it: meetingPrepBulletId.' }),
    bulletIndex: z.number().int().min(0),
    section: z.enum(SECTION_NAMES),
    text: z.string().nullable().openapi({ description: 'Null only when the brief’s personal data was erased.' }),
    citations: z
      .array(CitationSchema)
      .nonempty()
      .openapi({ description: 'At least one; a bullet never stands uncited.' }),
  })
  .openapi('Bullet');

export const BriefSourcesSchema = z
  .object({
    claims: z.array(z.object({ claimId: z.string(), revision: z.number().int().min(0) })),
    mentions: z.array(z.string()),
    threads: z.array(z.string()),
    documentVersions: z.array(z.object({ documentId: z.string(), documentVersionId: z.string() })),
  })
  .openapi('BriefSources');

const SubjectSchema = z.object({ kind: z.enum(['Client', 'Household']), entityId: z.string() });

export const BriefSchema = z
  .object({
    briefId: z.string(),
    orgId: z.string(),
    subject: SubjectSchema,
    meetingDate: z.string(),
    window: z.object({ from: z.string(), to: z.string() }).openapi({
      description: 'Half-open ISO 8601 instants: messages sent at or after `from` and before `to`.',
    }),
    sections: z.array(z.object({ section: z.enum(SECTION_NAMES), title: z.string(), bullets: z.array(BulletSchema) })),
    sources: BriefSourcesSchema,
    disclaimer: z.literal(BRIEF_DISCLAIMER).openapi({ description: 'Required, word for word.' }),
    contentHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .openapi({
        description:
          'Hex SHA-256 of the RFC 8785 JSON of briefId, orgId, subject, meetingDate, window, sections, sources and disclaimer.',
      }),
    personalState: z.enum(['present', 'erased']),
    composedAt: z.string(),
    composedBy: z.string().openapi({ description: 'The actor id that composed it.' }),
  })
  .openapi('Brief');
export type BriefResponse = z.infer<typeof BriefSchema>;

export const BriefSummarySchema = z
  .object({
    briefId: z.string(),
    subject: SubjectSchema,
    meetingDate: z.string(),
    contentHash: z.string(),
    composedAt: z.string(),
    bullets: z.number().int().min(0),
  })
  .openapi('BriefSummary');

export const BriefPageSchema = z
  .object({ items: z.array(BriefSummarySchema), nextCursor: z.string().nullable() })
  .openapi('BriefPage');
export type BriefPageResponse = z.infer<typeof BriefPageSchema>;

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export function registerMeetingPrepRoutes(registry: OpenAPIRegistry): void {
  registerRoute(registry, {
    method: 'post',
    readYourWrites: true,
    path: '/v1/briefs',
    tags: ['meeting-prep'],
    summary: 'Compose a brief for a client or household and record it (advisor)',
    description:
      'Deterministic, no language model: the subject’s current claims and the threads that share a participant with it within the window. Every bullet cites claims, mentions or spans; compliance-sensitive wording becomes a compliance note. A retry with the same briefId and the same content returns the stored brief.',
    request: { body: { content: { 'application/json': { schema: ComposeBriefBody } }, required: true } },
    responses: { 201: json(BriefSchema, 'The recorded brief') },
    extraErrors: [404, 409],
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/briefs/{briefId}',
    tags: ['meeting-prep'],
    summary: 'Read a recorded brief (advisor, compliance); the read is audited',
    description: 'With `asOf`, the brief as its ledger stream stood at that instant: 404 when it was composed later.',
    request: { params: BriefIdParam, query: AsOfQuery },
    responses: { 200: json(BriefSchema, 'The brief, its hash re-checked') },
    extraErrors: [404],
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/briefs/{briefId}/history',
    tags: ['meeting-prep'],
    summary: 'Every change of a brief’s ledger stream, with actor, time and reason (advisor, compliance)',
    request: { params: BriefIdParam },
    responses: { 200: json(RecordHistorySchema, 'The history, oldest first') },
    extraErrors: [404],
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/briefs',
    tags: ['meeting-prep'],
    summary: 'List the briefs of a client or household, latest meeting first (advisor, compliance)',
    request: { query: ListBriefsQuery },
    responses: { 200: json(BriefPageSchema, 'A page of briefs (ids, dates and hashes)') },
    extraErrors: [404],
  });
}
