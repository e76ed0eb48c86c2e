import { meetingPrepError } from '../meetingPrepError';

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const MAX_WINDOW_DAYS = 366;

export interface MeetingWindow {
  fromMs: number;
  toMs: number;
}

/** Midnight UTC of a `YYYY-MM-DD` date that exists on the calendar. */
export function parseMeetingDate(meetingDate: string): number {
  const ms = DATE_PATTERN.test(meetingDate) ? Date.parse(`${meetingDate}T00:00:00.000Z`) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== meetingDate) {
    throw meetingPrepError('MEETING_PREP.INVALID_FIELD', 'meetingDate', 'must be a calendar date YYYY-MM-DD');
  }
  return ms;
}

function checkDays(field: string, days: number): void {
  if (!Number.isSafeInteger(days) || days < 0 || days > MAX_WINDOW_DAYS) {
    throw meetingPrepError('MEETING_PREP.INVALID_FIELD', field, `must be an integer from 0 to ${MAX_WINDOW_DAYS}`);
  }
}

/**
 * Whole UTC days around the meeting: from midnight `daysBefore` days before the meeting date to
 * the end of the day `daysAfter` days after it, half-open, so the meeting day itself always counts.
 */
export function meetingWindow(meetingDate: string, window: { daysBefore: number; daysAfter: number }): MeetingWindow {
  const day = parseMeetingDate(meetingDate);
  checkDays('options.window.daysBefore', window.daysBefore);
  checkDays('options.window.daysAfter', window.daysAfter);
  return { fromMs: day - window.daysBefore * DAY_MS, toMs: day + (window.daysAfter + 1) * DAY_MS };
}

/** Milliseconds of an ISO 8601 instant with an explicit offset; refuses anything else. */
export function parseInstant(value: string, field: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw meetingPrepError('MEETING_PREP.INVALID_FIELD', field, 'must be an ISO 8601 instant with a time zone');
  }
  return ms;
}
