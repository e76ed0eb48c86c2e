import { STREAM_ID_PATTERN } from '@ledger/ledger';
import { isSafeText, UNSAFE_TEXT_RULE } from '@ledger/contracts';
import { auditError } from './auditError';

/** What the ledger accepts, so a filter that can never match is refused instead of returning nothing. */
export const CATEGORY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const EVENT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{0,127}$/;
export const MAX_ACTOR_LENGTH = 200;
export const MAX_FILTER_VALUES = 50;
export const MAX_REASON_LENGTH = 500;
/** ISO 8601 date-time with an explicit zone, as `Date.toISOString()` and RFC 3339 write it. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseTime(field: string, value: string): Date {
  const time = ISO_TIME.test(value) ? new Date(value) : null;
  if (!time || Number.isNaN(time.getTime())) {
    throw auditError('AUDIT.INVALID_FIELD', field, 'must be an ISO 8601 date-time with a time zone');
  }
  return time;
}

/** `[from, to)`: from inclusive, to exclusive; from must come before to when both are given. */
export function parseTimeRange(from: string | undefined, to: string | undefined): { from?: Date; to?: Date } {
  const range = {
    from: from === undefined ? undefined : parseTime('from', from),
    to: to === undefined ? undefined : parseTime('to', to),
  };
  if (range.from && range.to && range.from >= range.to) {
    throw auditError('AUDIT.INVALID_RANGE', 'to', 'must be later than from');
  }
  return range;
}

export function checkPattern(field: string, value: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw auditError('AUDIT.INVALID_FIELD', field, `must match ${pattern.source}`);
  return value;
}

export function checkActor(field: string, value: string): string {
  if (value.length === 0 || value.length > MAX_ACTOR_LENGTH) {
    throw auditError('AUDIT.INVALID_FIELD', field, `must be an actor id of 1 to ${MAX_ACTOR_LENGTH} characters`);
  }
  if (!isSafeText(value)) throw auditError('AUDIT.INVALID_FIELD', field, UNSAFE_TEXT_RULE);
  return value;
}

export function checkStreamId(field: string, value: string): string {
  return checkPattern(field, value, STREAM_ID_PATTERN);
}

/** A list filter: at most MAX_FILTER_VALUES values, each checked, duplicates dropped. */
export function checkList(field: string, values: readonly string[], check: (field: string, value: string) => string) {
  if (values.length > MAX_FILTER_VALUES) {
    throw auditError('AUDIT.INVALID_FIELD', field, `must have at most ${MAX_FILTER_VALUES} values`);
  }
  return [...new Set(values.map((value, index) => check(`${field}.${index}`, value)))];
}
