/** Domain errors of the meeting-prep service; `code` is stable and maps to one HTTP problem type. */
export type MeetingPrepErrorCode =
  | 'MEETING_PREP.INVALID_FIELD'
  | 'MEETING_PREP.INVALID_SUBJECT'
  | 'MEETING_PREP.DUPLICATE_INPUT'
  | 'MEETING_PREP.CITATION_REQUIRED'
  | 'MEETING_PREP.INVALID_CITATION'
  | 'MEETING_PREP.SUBJECT_NOT_FOUND'
  | 'MEETING_PREP.BRIEF_NOT_FOUND'
  | 'MEETING_PREP.BRIEF_EXISTS'
  /** A stored brief no longer matches its recorded hash: a server fault, never the caller's. */
  | 'MEETING_PREP.BRIEF_INTEGRITY_FAILED';

/**
 * `field` is the path of the offending input and `rule` what it must satisfy. Details go back
 * to the client: ids only, never personal data.
 */
export interface MeetingPrepErrorDetails {
  field: string;
  rule: string;
  [key: string]: unknown;
}

export class MeetingPrepError extends Error {
  constructor(
    readonly code: MeetingPrepErrorCode,
    readonly details: Readonly<MeetingPrepErrorDetails>,
  ) {
    super(`${details.field}: ${details.rule}`);
    this.name = 'MeetingPrepError';
  }
}

export function meetingPrepError(
  code: MeetingPrepErrorCode,
  field: string,
  rule: string,
  extra: Record<string, unknown> = {},
): MeetingPrepError {
  return new MeetingPrepError(code, { ...extra, field, rule });
}
