/** Domain errors of the meeting-prep service; `code` is stable and maps to one HTTP problem type. */
export type MeetingPrepErrorCode =
  | 'MEETING_PREP.INVALID_FIELD'
  | 'MEETING_PREP.DUPLICATE_INPUT'
  | 'MEETING_PREP.CITATION_REQUIRED'
  | 'MEETING_PREP.INVALID_CITATION';

/** `field` is the path of the offending input and `rule` what it must satisfy. */
export interface MeetingPrepErrorDetails {
  field: string;
  rule: string;
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

export function meetingPrepError(code: MeetingPrepErrorCode, field: string, rule: string): MeetingPrepError {
  return new MeetingPrepError(code, { field, rule });
}
