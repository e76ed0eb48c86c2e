import { z } from '../zod';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * An RFC 3339 date-time with its offset, checked field by field: `Date.parse` alone would roll
 * 2026-02-30 over into March instead of refusing it.
 */
export function isRfc3339(text: string): boolean {
  const match = RFC3339.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const offsetHours = match[10] === undefined ? 0 : Number(match[10]);
  const offsetMinutes = match[11] === undefined ? 0 : Number(match[11]);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59 &&
    !Number.isNaN(Date.parse(text))
  );
}

export const AS_OF_RULE = 'must be an RFC 3339 date-time with an offset, such as 2026-11-25T15:00:00Z';

export const AsOfSchema = z
  .string()
  .max(40, AS_OF_RULE)
  .refine(isRfc3339, AS_OF_RULE)
  .openapi({
    description:
      'Show the record as it stood at this instant (RFC 3339, with an offset): folded from the ledger events ' +
      'recorded at or before it; 404 when the record did not exist yet.',
    example: '2026-11-25T15:00:00Z',
  });

/** The query of a read that may ask for an earlier state. */
export const AsOfQuery = z.object({ asOf: AsOfSchema.optional() }).strict();
export type AsOfQuery = z.infer<typeof AsOfQuery>;

export const HistoryReasonStateSchema = z.enum(['none', 'present', 'erased', 'withheld']).openapi({
  description:
    'none: the change carries no reason; erased: its sealed reason was crypto-shredded; withheld: not for this role.',
});

export const HistoryEntrySchema = z
  .object({
    version: z.number().int().min(1).openapi({ description: '1 for the original, then one more per change.' }),
    eventId: z.string().openapi({ description: 'The ledger event of this change, as in an audit export.' }),
    type: z.string().openapi({ description: 'The event type, such as ClaimSuperseded or DocumentTombstoned.' }),
    schemaVersion: z.number().int().min(1),
    actor: z.string().openapi({ description: 'Who made the change (an id).' }),
    at: z.string().openapi({ description: 'When the ledger recorded it (ISO 8601 UTC).' }),
    reason: z.string().nullable().openapi({ description: 'Why; null unless reasonState is present.' }),
    reasonState: HistoryReasonStateSchema,
  })
  .openapi('HistoryEntry');

export const ComplianceHistoryEntrySchema = z
  .object({
    streamId: z.string().openapi({ description: 'Where the action was recorded, such as `audit-compliance`.' }),
    eventId: z.string(),
    type: z.string().openapi({ description: 'RetentionClassSet, LegalHoldPlaced, LegalHoldReleased, or a shred.' }),
    schemaVersion: z.number().int().min(1),
    actor: z.string(),
    at: z.string(),
    reason: z.string().nullable(),
    reasonState: HistoryReasonStateSchema,
    data: z.record(z.unknown()).openapi({ description: 'The action’s clear payload: ids, scope, durations.' }),
  })
  .openapi('ComplianceHistoryEntry');

export const RecordHistorySchema = z
  .object({
    streamId: z.string().openapi({ description: 'The record’s ledger stream, `<category>-<id>`.' }),
    items: z.array(HistoryEntrySchema).openapi({ description: 'Every version, original and interim, oldest first.' }),
    compliance: z.array(ComplianceHistoryEntrySchema).openapi({
      description:
        'The compliance actions that concern the record, oldest first: retention classes of its category, legal ' +
        'holds covering it (placed and released), other actions there naming its stream.',
    }),
  })
  .openapi('RecordHistory');
export type RecordHistoryResponse = z.infer<typeof RecordHistorySchema>;
