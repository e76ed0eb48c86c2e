import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod';
import { registerRoute } from './registry';

const IdSchema = z
  .string()
  .max(200)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/,
    'must be 1 to 200 letters, digits and . _ : - (starting with a letter or digit)',
  );
const HashSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const CreateErasureBody = z
  .object({
    entityId: IdSchema.openapi({ description: 'The client entity (claims service) whose personal data is erased.' }),
  })
  .strict()
  .openapi('CreateErasureBody');
export type CreateErasureBody = z.infer<typeof CreateErasureBody>;

export const ErasureRequestParams = z.object({ requestId: z.string().uuid() }).strict();

export const ErasureStream = z
  .object({
    streamId: z.string(),
    decision: z.enum(['erase', 'retain', 'hold']).openapi({
      description:
        'What was decided when the request was made: erase now, or refused while retention or a legal hold covers it.',
    }),
    legalBasis: z.string().nullable().openapi({
      description: 'Why it was refused: `GDPR Art. 17(3)(b)` (retention) or `GDPR Art. 17(3)(e)` (legal hold).',
    }),
    retainedUntil: z.string().nullable().openapi({ description: 'When the retention that refused it ends.' }),
    heldBy: z.array(z.string()).openapi({ description: 'The legal holds that refused it.' }),
    erasedAt: z.string().nullable(),
    certificateId: z.string().nullable(),
    dataKeyId: z.string().nullable().openapi({ description: 'SHA-256 of the destroyed wrapped data key.' }),
  })
  .openapi('ErasureStream');

export const ErasureRequestView = z
  .object({
    requestId: z.string().uuid(),
    entityId: z.string(),
    requestedAt: z.string(),
    status: z.enum(['erased', 'pending']),
    dueAt: z.string().nullable().openapi({
      description: 'When the last retained stream becomes due; null when nothing waits or a hold has no end.',
    }),
    streams: z.array(ErasureStream),
    certificateIds: z.array(z.string().uuid()),
  })
  .openapi('ErasureRequest');

const SignedTreeHead = z
  .object({
    keyId: z.string(),
    orgId: z.string(),
    rootHash: HashSchema,
    signature: z.string(),
    timestamp: z.string(),
    treeSize: z.number().int(),
  })
  .openapi('SignedTreeHead');

export const ErasureCertificate = z
  .object({
    kind: z.literal('ledger.erasure-certificate'),
    v: z.literal(1),
    certificateId: z.string().uuid(),
    requestId: z.string().uuid(),
    orgId: z.string(),
    subject: z.object({ entityId: z.string() }),
    erasedAt: z.string(),
    streams: z.array(z.object({ streamId: z.string(), dataKeyId: HashSchema.nullable() })),
    treeHeadBefore: SignedTreeHead,
    treeHeadAfter: SignedTreeHead,
    consistency: z.array(HashSchema),
    publicKeys: z.array(z.object({}).passthrough()),
    keyId: z.string(),
    signature: z.string(),
  })
  .openapi('ErasureCertificate', {
    description:
      'Format in contracts/erasure-certificate.md; verify offline with `npm run verify-bundle -- verify-certificate FILE`. Save `items[i]` as it is (its canonical JSON re-serialised is what was signed).',
  });

export const ErasureCertificateList = z
  .object({ items: z.array(ErasureCertificate) })
  .openapi('ErasureCertificateList');

export const AppliedErasures = z
  .object({
    items: z.array(
      z.object({ requestId: z.string().uuid(), certificateId: z.string().uuid(), streams: z.array(z.string()) }),
    ),
  })
  .openapi('AppliedErasures');

const json = <T extends z.ZodTypeAny>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});

export function registerErasureRoutes(registry: OpenAPIRegistry): void {
  registerRoute(registry, {
    method: 'post',
    path: '/v1/audit/erasures',
    tags: ['audit'],
    summary: 'Request erasure of a client entity’s personal data (compliance)',
    description:
      'Finds every stream holding the client’s personal data (its entity, mentions, claims about it, briefs for it and the documents they cite), records the request as `ErasureRequested`, crypto-shreds at once each stream no retention or legal hold covers, with a signed erasure certificate (`ErasureCarriedOut`), and records for the rest the legal basis and when the erasure becomes due. An entity unknown to the token’s org is 404.',
    request: { body: { content: { 'application/json': { schema: CreateErasureBody } } } },
    responses: { 201: json('The request, with what was erased and what waits', ErasureRequestView) },
    extraErrors: [404],
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/audit/erasures/{requestId}',
    tags: ['audit'],
    summary: 'An erasure request and what became of each stream (compliance)',
    request: { params: ErasureRequestParams },
    responses: { 200: json('The request', ErasureRequestView) },
    extraErrors: [404],
  });
  registerRoute(registry, {
    method: 'get',
    path: '/v1/audit/erasures/{requestId}/certificates',
    tags: ['audit'],
    summary: 'The signed erasure certificates of a request (compliance)',
    request: { params: ErasureRequestParams },
    responses: { 200: json('One certificate per carrying-out, oldest first', ErasureCertificateList) },
    extraErrors: [404],
  });
  registerRoute(registry, {
    method: 'post',
    path: '/v1/audit/erasures/apply-due',
    tags: ['audit'],
    summary: 'Carry out the org’s erasures that have come due (compliance)',
    description:
      'For each pending erasure request of the token’s org, crypto-shreds the streams whose retention has ended and whose holds were released, each request with its certificate. What the sweeper and `ledger erasure apply-due` do.',
    responses: { 200: json('What was carried out', AppliedErasures) },
  });
}
