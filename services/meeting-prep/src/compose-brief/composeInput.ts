import { parseMeetingDate } from '../compose/meetingWindow';
import { meetingPrepError } from '../meetingPrepError';

/** A brief to compose: for a Client or Household entity, around a meeting date. */
export interface ComposeBriefInput {
  subjectEntityId: string;
  /** `YYYY-MM-DD`, taken as UTC. */
  meetingDate: string;
  /** Chosen by the caller for idempotent retries; generated when absent. */
  briefId?: string;
  /** Whole days around the meeting date; default ±30. */
  window?: { daysBefore: number; daysAfter: number };
}

/** A compose request once checked: the window resolved to its default when absent. */
export interface CheckedComposeInput {
  subjectEntityId: string;
  meetingDate: string;
  briefId: string | undefined;
  window: { daysBefore: number; daysAfter: number };
}

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const MAX_WINDOW_DAYS = 366;

function invalid(field: string, rule: string) {
  return meetingPrepError('MEETING_PREP.INVALID_FIELD', field, rule);
}

export function checkId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) throw invalid(field, `must match ${ID_PATTERN.source}`);
  return value;
}

function checkDays(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_WINDOW_DAYS) {
    throw invalid(field, `must be an integer from 0 to ${MAX_WINDOW_DAYS}`);
  }
  return value;
}

/**
 * Run-time check of a compose request, with the field paths the caller sent (the HTTP schema
 * checks the same first; this guards callers that are not HTTP).
 */
export function checkComposeInput(
  input: ComposeBriefInput,
  defaultWindow: { daysBefore: number; daysAfter: number },
): CheckedComposeInput {
  const subjectEntityId = checkId(input.subjectEntityId, 'subjectEntityId');
  if (typeof input.meetingDate !== 'string') throw invalid('meetingDate', 'must be a calendar date YYYY-MM-DD');
  parseMeetingDate(input.meetingDate);
  const briefId = input.briefId === undefined ? undefined : checkId(input.briefId, 'briefId');
  const window = input.window ?? defaultWindow;
  if (typeof window !== 'object' || window === null) throw invalid('window', 'must be {daysBefore, daysAfter}');
  return {
    subjectEntityId,
    meetingDate: input.meetingDate,
    briefId,
    window: {
      daysBefore: checkDays(window.daysBefore, 'window.daysBefore'),
      daysAfter: checkDays(window.daysAfter, 'window.daysAfter'),
    },
  };
}
