/** Injection token of the meeting-prep use cases. */
export const MEETING_PREP_APP = Symbol('MEETING_PREP_APP');
