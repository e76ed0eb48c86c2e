import { z } from '../zod';

/** RFC 9457 problem details as every route returns them on error. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:ledger:problem:EVIDENCE.INVALID_SPAN' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().openapi({ description: 'Stable error code; compare codes, never messages.' }),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), rule: z.string() }))
      .optional()
      .openapi({ description: 'For validation problems: the path of each offending field and the rule it broke.' }),
  })
  .passthrough()
  .openapi('Problem');

/** Ids chosen by clients or generated: letters, digits and `._:-`, as the ledger's stream ids allow. */
export const IdSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'must be letters, digits and . _ : - (starting with a letter or digit)');

/**
 * Ids a provider supplies (Gmail's messageId, threadId, historyId, a provider account id): they
 * key documents and threads in read models, so they get the ledger's id alphabet, bounded, and
 * nothing else. Gmail's are hexadecimal or decimal and fit it.
 */
export const PROVIDER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

export const ProviderIdSchema = z
  .string()
  .regex(PROVIDER_ID_PATTERN, 'must be 1 to 200 letters, digits and . _ : - (starting with a letter or digit)')
  .openapi({
    description: "An id the provider supplies, as the provider gives it (Gmail's are hexadecimal or decimal).",
    example: '18f2a9c4d1e0b7a0',
  });

export const LimitSchema = z.coerce.number().int().min(1).max(200).default(50);

export const CursorSchema = z.string().min(1).max(200).optional();

/** Responses every authenticated route may give besides its own. */
export const COMMON_ERROR_STATUSES = [400, 401, 403, 413, 414, 422, 431, 500] as const;

/**
 * The header of a write answered before every read model applied it: one
 * `<projection>;reason=<failed|lagging>` item per read model behind (an RFC 8941 list). `failed`:
 * the projection is stopped on a failed event of the org until an operator resumes or skips it
 * (`GET /v1/audit/projections`); `lagging`: it was still catching up when the write answered.
 * Absent when the next read sees the write.
 */
export const VIEW_BEHIND_HEADER = 'Ledger-View-Behind';
