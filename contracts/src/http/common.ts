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

export const LimitSchema = z.coerce.number().int().min(1).max(200).default(50);

export const CursorSchema = z.string().min(1).max(200).optional();

/** Responses every authenticated route may give besides its own. */
export const COMMON_ERROR_STATUSES = [400, 401, 403, 413, 422, 500] as const;
