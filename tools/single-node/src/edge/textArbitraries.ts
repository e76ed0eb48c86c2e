import fc from 'fast-check';
import { isSafeText } from '@ledger/contracts';

/**
 * Characters that have broken text pipelines somewhere: controls, quotes and escapes, line and
 * paragraph separators, bidi controls, BOM and non-characters, combining marks, astral pairs
 * (emoji, mathematical letters), case-mapping oddities. NUL and lone surrogates are not among
 * them: the edge refuses those, and these strings are meant to be accepted.
 */
const AWKWARD = [
  '\u0001',
  '\u0008',
  '\u001b',
  '\u001f',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u000c',
  '"',
  '\\',
  "'",
  '`',
  '%',
  '%00',
  '\\u0000',
  '${',
  '<',
  '>',
  '&',
  '{',
  '}',
  '[',
  ']',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u00ad',
  '\u200b',
  '\u200d',
  '\u200e',
  '\u202e',
  '\u2028',
  '\u2029',
  '\u2066',
  '\ufeff',
  '\ufffd',
  '\ufffe',
  '\uffff',
  'é',
  'e\u0301',
  'ß',
  'İ',
  'ǅ',
  'ﬃ',
  '﷽',
  'ᄀ',
  '中',
  '日本',
  '\ud83d\ude00',
  '\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67',
  '\ud835\udd4f',
  '\udb40\udc01',
  '\u{10ffff}',
];
const PLAIN = [...'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ 0123456789 .,-_:;!?@'];

/** Any single code point the edge accepts (every one but NUL and the surrogate range). */
const anyCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter(isSafeText);

const unit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PLAIN) },
  { weight: 3, arbitrary: fc.constantFrom(...AWKWARD) },
  { weight: 2, arbitrary: anyCodePoint },
);

/** Text of `min` to `max` units (a unit may be several UTF-16 code units: filter by the schema). */
export function text(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit, minLength, maxLength });
}

/** Text with something other than white space in it, as `must not be blank` fields want. */
export function nonBlank(maxLength: number): fc.Arbitrary<string> {
  return text(1, maxLength).filter((value) => /\S/.test(value) && value.trim().length > 0);
}

/** Ids in the ledger's stream-id alphabet (IdSchema, ProviderIdSchema), short enough to stay readable. */
export const id: fc.Arbitrary<string> = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,40}$/);

/** A pick from a pool, or now and then an id nobody created. */
export function fromPool(pool: readonly string[], unknownWeight = 1): fc.Arbitrary<string> {
  if (pool.length === 0) return id;
  return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...pool) }, { weight: unknownWeight, arbitrary: id });
}

/** Finite JSON numbers, edges included: -0, the smallest subnormal, the largest double, 2^53 ± 1. */
export const finiteNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(-0, 5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53 - 1, 2 ** 53 + 2, 1e21, 0.1),
);

/** Milliseconds since the epoch, past what a Date can hold included (8.64e15 + 1). */
export const epochMillis: fc.Arbitrary<number> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 8.64e15, 8.64e15 + 1, Number.MAX_SAFE_INTEGER) },
  { weight: 1, arbitrary: fc.maxSafeNat() },
);

/** `YYYY-MM-DD` of a real day, from year 0000 to 9999. */
export const calendarDate: fc.Arbitrary<string> = fc
  .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

/** RFC 3339 date-times with `Z` or an offset from -23:59 to +23:59, years 0000 to 9999. */
export const dateTime: fc.Arbitrary<string> = fc
  .record({
    at: fc.date({ min: new Date('0000-01-02T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }),
    offset: fc.option(fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 })),
  })
  .map(({ at, offset }) => {
    const iso = at.toISOString();
    if (offset === null) return iso;
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    const hh = String(Math.floor(abs / 60)).padStart(2, '0');
    const mm = String(abs % 60).padStart(2, '0');
    return `${iso.slice(0, -1)}${sign}${hh}:${mm}`;
  });
