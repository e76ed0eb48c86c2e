import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod';
import { CursorSchema, IdSchema, LimitSchema, ProviderIdSchema } from './common';
import { AsOfSchema, RecordHistorySchema } from './history';
import { registerRoute } from './registry';

/**
 * Evidence service: provider accounts, documents from Gmail messages (C-03, C-06), threads,
 * pinned spans (C-05) and Evidence.List (C-02).
 *
 * Offsets (C-05): `startChar` and `endChar` are 0-based, half-open, in UTF-16 code units (JavaScript
 * string indices) into the exact stored content of the version named by `documentVersionId`.
 * A span is accepted only when 0 ≤ startChar < endChar ≤ content.length and
 * text === content.slice(startChar, endChar). A changed content is a new version; spans are never
 * re-pointed.
 */

const MAX_ADDRESS = 320;
const MAX_RECIPIENTS = 200;
const MAX_SUBJECT = 2_000;
const MAX_BODY = 200_000;
const MAX_LABELS = 100;
const MAX_ACCOUNT_LABEL = 100;
/** The last instant a JavaScript Date (and an ISO 8601 time) can hold: later ones fail to format. */
const MAX_INTERNAL_DATE = 8_640_000_000_000_000;

const AddressSchema = z.string().regex(/\S/, 'must not be blank').max(MAX_ADDRESS);
const OffsetSchema = z.number().int().min(0);

/** For routes that take no query parameters: an unknown one is a 422, not silently ignored. */
export const NoQuery = z.object({}).strict();
export type NoQuery = z.infer<typeof NoQuery>;

const ProviderAccountStatusSchema = z.enum(['active', 'revoked', 'needs_relink']);

// ---- provider accounts

export const ProviderAccountSchema = z
  .object({
    id: z.string(),
    provider: z.literal('gmail'),
    label: z
      .string()
      .nullable()
      .openapi({ description: 'Sealed in the ledger and opened at read time; null once the account was erased.' }),
    labelState: z.enum(['present', 'erased']),
    status: ProviderAccountStatusSchema,
  })
  .openapi('ProviderAccount', { description: 'A connected mailbox: id, nickname and status. Never tokens.' });
export type ProviderAccountResponse = z.infer<typeof ProviderAccountSchema>;

export const RegisterProviderAccountBody = z
  .object({
    id: IdSchema.optional().openapi({ description: 'Chosen by the client; a UUID is generated when absent.' }),
    provider: z.literal('gmail'),
    label: z.string().regex(/\S/, 'must not be blank').max(MAX_ACCOUNT_LABEL).openapi({
      description: 'A nickname for the mailbox ("Work"). Free text, so personal: stored only encrypted in the ledger.',
    }),
  })
  .strict()
  .openapi('RegisterProviderAccountRequest');
export type RegisterProviderAccountBody = z.infer<typeof RegisterProviderAccountBody>;

export const ChangeProviderAccountStatusBody = z
  .object({ status: ProviderAccountStatusSchema })
  .strict()
  .openapi('ChangeProviderAccountStatusRequest');
export type ChangeProviderAccountStatusBody = z.infer<typeof ChangeProviderAccountStatusBody>;

export const ProviderAccountListSchema = z
  .object({ accounts: z.array(ProviderAccountSchema) })
  .openapi('ProviderAccountList');

// ---- documents

export const IngestDocumentBody = z
  .object({
    providerAccountId: IdSchema.optional().openapi({
      description:
        'Required when the org has several accounts (or none active): no default is ever picked (C-06). ' +
        'Without it, a 422 PROVIDER_ACCOUNT_SELECTION_REQUIRED lists the candidates (ids and labels).',
    }),
    messageId: ProviderIdSchema,
    threadId: ProviderIdSchema,
    internalDate: z
      .number()
      .int()
      .min(0)
      .max(MAX_INTERNAL_DATE)
      .openapi({ description: "Gmail's internalDate: ms since the epoch, at most what a date can hold (8.64e15)." }),
    historyId: ProviderIdSchema,
    from: AddressSchema,
    to: z.array(AddressSchema).max(MAX_RECIPIENTS),
    cc: z.array(AddressSchema).max(MAX_RECIPIENTS).default([]),
    subject: z.string().max(MAX_SUBJECT).openapi({ description: 'Becomes the title.' }),
    body: z.string().max(MAX_BODY).openapi({ description: 'Plain-text body; becomes the content.' }),
    labels: z
      .array(z.string().min(1).max(200))
      .max(MAX_LABELS)
      .optional()
      .openapi({ description: 'Not part of the source hash.' }),
  })
  .strict()
  .openapi('IngestDocumentRequest', {
    description:
      'C-03: one document per (org, providerAccountId, "gmail", messageId), forever. sourceHash = SHA-256 of the ' +
      'RFC 8785 JSON of {title, content}: the same hash adds no version, a changed one exactly one.',
  });
export type IngestDocumentBody = z.infer<typeof IngestDocumentBody>;

export const IngestDocumentResponseSchema = z
  .object({
    documentId: z.string(),
    documentVersionId: z.string(),
    version: z.number().int(),
    created: z.boolean(),
    newVersion: z.boolean(),
    resurrected: z.boolean(),
  })
  .openapi('IngestDocumentResponse');

export const ReadDocumentQuery = z
  .object({
    version: z.coerce
      .number()
      .int()
      .min(1)
      .optional()
      .openapi({ description: 'The version whose title and content to show; the latest by default.' }),
    asOf: AsOfSchema.optional(),
  })
  .strict();
export type ReadDocumentQuery = z.infer<typeof ReadDocumentQuery>;

export const DeleteDocumentQuery = z
  .object({ reason: z.enum(['deleted_by_user', 'deleted_in_provider']).optional() })
  .strict();
export type DeleteDocumentQuery = z.infer<typeof DeleteDocumentQuery>;

const DocumentVersionSchema = z.object({
  documentVersionId: z.string(),
  version: z.number().int(),
  sourceHash: z.string(),
  internalDate: z.number().int(),
  contentLength: z.number().int(),
});

const VersionContentSchema = z.discriminatedUnion('personalState', [
  z.object({
    documentVersionId: z.string(),
    version: z.number().int(),
    personalState: z.literal('present'),
    title: z.string(),
    content: z.string(),
  }),
  z.object({ documentVersionId: z.string(), version: z.number().int(), personalState: z.literal('erased') }),
]);

export const DocumentSchema = z
  .object({
    documentId: z.string(),
    providerAccountId: z.string(),
    provider: z.literal('gmail'),
    messageId: z.string(),
    threadId: z.string(),
    tombstoned: z.boolean(),
    latestVersion: z.number().int(),
    latestDocumentVersionId: z.string(),
    versions: z.array(DocumentVersionSchema),
    content: VersionContentSchema.optional().openapi({
      description: "The requested (default: latest) version's title and content; `erased` after crypto-shredding.",
    }),
  })
  .openapi('EvidenceDocument');

export const DeleteDocumentResponseSchema = z
  .object({ documentId: z.string(), tombstoned: z.literal(true), changed: z.boolean() })
  .openapi('DeleteDocumentResponse');

// ---- threads

export const ThreadIdParam = ProviderIdSchema;

export const ThreadSchema = z
  .object({
    threadId: z.string(),
    participants: z.array(z.string()),
    dateRange: z.object({ first: z.number().int(), last: z.number().int() }).nullable(),
    messages: z.array(
      z.object({
        documentId: z.string(),
        documentVersionId: z.string(),
        messageId: z.string(),
        providerAccountId: z.string(),
        internalDate: z.number().int(),
        ingestSeq: z
          .number()
          .int()
          .openapi({ description: 'Given when the message first entered the thread; never renumbered.' }),
        tombstoned: z.boolean(),
        personalState: z.enum(['present', 'erased']),
      }),
    ),
  })
  .openapi('EvidenceThread', { description: 'Messages ordered by (internalDate, messageId, documentId).' });

// ---- spans

export const PinSpanBody = z
  .object({
    spanId: IdSchema.optional().openapi({
      description:
        'Chosen by the client so a retry is idempotent: the same span pinned again under it answers the same span ' +
        'and appends nothing; under another document or other offsets it is a 409 EVIDENCE.SPAN_ID_CONFLICT. ' +
        'Generated when absent.',
    }),
    documentId: IdSchema,
    documentVersionId: IdSchema,
    startChar: OffsetSchema,
    endChar: OffsetSchema,
    text: z.string().min(1).max(MAX_BODY).openapi({ description: 'Must equal content.slice(startChar, endChar).' }),
  })
  .strict()
  .openapi('PinSpanRequest');
export type PinSpanBody = z.infer<typeof PinSpanBody>;

export const SpanSchema = z
  .object({
    spanId: z.string(),
    documentId: z.string(),
    documentVersionId: z.string(),
    startChar: z.number().int(),
    endChar: z.number().int(),
    text: z.string().nullable(),
    erased: z.boolean(),
    versionIsCurrent: z.boolean(),
  })
  .openapi('EvidenceSpan');

export const StaleSpansSchema = z
  .object({
    documentId: z.string(),
    latestDocumentVersionId: z.string(),
    spans: z.array(
      z.object({
        spanId: z.string(),
        documentVersionId: z.string(),
        startChar: z.number().int(),
        endChar: z.number().int(),
        text: z.string().nullable(),
        erased: z.boolean(),
        suggestion: z
          .object({ documentVersionId: z.string(), startChar: z.number().int(), endChar: z.number().int() })
          .nullable()
          .openapi({ description: 'Where the text occurs exactly once in the latest version; pin a new span there.' }),
      }),
    ),
  })
  .openapi('StaleSpansReport');

// ---- Evidence.List

export const EvidenceListQuery = z
  .object({
    entityId: IdSchema.optional(),
    claimId: IdSchema.optional(),
    meetingPrepBulletId: IdSchema.optional(),
    documentId: IdSchema.optional(),
    limit: LimitSchema,
    cursor: CursorSchema,
  })
  .strict();
export type EvidenceListQuery = z.infer<typeof EvidenceListQuery>;

export const EvidenceItemSchema = z
  .object({
    documentId: z.string(),
    documentVersionId: z.string(),
    startChar: z.number().int(),
    endChar: z.number().int(),
    text: z.string().nullable().openapi({ description: "The version's content between the offsets; null if erased." }),
    erased: z.boolean(),
    kind: z.enum(['mention', 'relation', 'bullet']),
    source: z.object({
      mentionId: z.string().optional(),
      claimId: z.string().optional(),
      meetingPrepBulletId: z.string().optional(),
      spanId: z.string().optional(),
    }),
  })
  .openapi('EvidenceItem');

export const EvidencePageSchema = z
  .object({ items: z.array(EvidenceItemSchema), nextCursor: z.string().nullable() })
  .openapi('EvidencePage');

function json<T extends z.ZodTypeAny>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

const AccountIdParams = z.object({ accountId: IdSchema });
const DocumentIdParams = z.object({ documentId: IdSchema });

export function registerEvidenceRoutes(registry: OpenAPIRegistry): void {
  const tags = ['evidence'];
  registerRoute(registry, {
    method: 'post',
    readYourWrites: true,
    path: '/v1/provider-accounts',
    tags,
    summary: 'Register a provider account (advisor)',
    request: { body: { content: { 'application/json': { schema: RegisterProviderAccountBody } } } },
    responses: { 201: json(ProviderAccountSchema, 'Registered') },
    extraErrors: [409],
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/provider-accounts',
    tags,
    summary: "The org's provider accounts (advisor, compliance)",
    responses: { 200: json(ProviderAccountListSchema, 'Accounts in registration order') },
  });
  registerRoute(registry, {
    method: 'patch',
    readYourWrites: true,
    path: '/v1/provider-accounts/{accountId}',
    tags,
    summary: "Change an account's status (advisor)",
    request: {
      params: AccountIdParams,
      body: { content: { 'application/json': { schema: ChangeProviderAccountStatusBody } } },
    },
    responses: { 200: json(ProviderAccountSchema, 'The account') },
    extraErrors: [404, 409],
  });
  registerRoute(registry, {
    method: 'post',
    readYourWrites: true,
    path: '/v1/documents/ingest',
    tags,
    summary: 'Ingest a Gmail message as a document (advisor)',
    request: { body: { content: { 'application/json': { schema: IngestDocumentBody } } } },
    responses: {
      201: json(IngestDocumentResponseSchema, 'A new document (version 1)'),
      200: json(IngestDocumentResponseSchema, 'An existing document: a new version, a resurrection, or nothing new'),
    },
    extraErrors: [404, 409],
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/documents/{documentId}',
    tags,
    summary: 'A document with its versions and one version’s content (advisor, compliance)',
    request: { params: DocumentIdParams, query: ReadDocumentQuery },
    responses: { 200: json(DocumentSchema, 'The document') },
    extraErrors: [404],
  });
  registerRoute(registry, {
    method: 'delete',
    readYourWrites: true,
    path: '/v1/documents/{documentId}',
    tags,
    summary: 'Tombstone a document; re-ingesting the message resurrects it (advisor)',
    request: { params: DocumentIdParams, query: DeleteDocumentQuery },
    responses: { 200: json(DeleteDocumentResponseSchema, 'Tombstoned') },
    extraErrors: [404, 409],
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/documents/{documentId}/history',
    tags,
    summary:
      'Every version of a document from its ledger stream: ingest, new versions, tombstone, resurrection, pinned spans, retention (advisor, compliance)',
    request: { params: DocumentIdParams },
    responses: { 200: json(RecordHistorySchema, 'The history, oldest first') },
    extraErrors: [404],
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/documents/{documentId}/stale-spans',
    tags,
    summary: 'Spans pinned to superseded versions, with relocation suggestions (advisor, compliance)',
    request: { params: DocumentIdParams },
    responses: { 200: json(StaleSpansSchema, 'The report') },
    extraErrors: [404],
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/threads/{threadId}',
    tags,
    summary: 'A thread: participants, date range, ordered messages with ingestSeq (advisor, compliance)',
    request: { params: z.object({ threadId: ThreadIdParam }) },
    responses: { 200: json(ThreadSchema, 'The thread') },
    extraErrors: [404],
  });
  registerRoute(registry, {
    method: 'post',
    readYourWrites: true,
    path: '/v1/spans',
    tags,
    summary: 'Pin a span of an exact document version (advisor)',
    description:
      'A tombstoned document takes no new span: 409 EVIDENCE.DOCUMENT_TOMBSTONED (re-ingesting the message ' +
      'resurrects it). An erased one: 409 EVIDENCE.ALREADY_ERASED.',
    request: { body: { content: { 'application/json': { schema: PinSpanBody } } } },
    responses: { 201: json(SpanSchema, 'Pinned (or already pinned under this spanId)') },
    extraErrors: [404, 409],
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/spans/{spanId}',
    tags,
    summary: 'A pinned span (advisor, compliance)',
    request: { params: z.object({ spanId: IdSchema }) },
    responses: { 200: json(SpanSchema, 'The span') },
    extraErrors: [404],
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/evidence',
    tags,
    summary: 'Evidence.List: the one evidence query (advisor, compliance); every call is audited',
    description:
      'Exactly one of entityId, claimId, meetingPrepBulletId, documentId (zero or two: 422 EVIDENCE.INVALID_FILTER). ' +
      'By entity: its mentions and the current claims it is the subject or entity object of; by claim: its ' +
      'citations; by bullet: the spans its citations resolve to; by document: every item pinned into it. ' +
      'An unknown id of the filter is a 404.',
    request: { query: EvidenceListQuery },
    responses: { 200: json(EvidencePageSchema, 'A page of evidence') },
    extraErrors: [404],
  });
}
