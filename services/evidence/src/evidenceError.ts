/** Domain errors of the evidence service; `code` is stable and maps to one HTTP problem type. */
export type EvidenceErrorCode =
  | 'EVIDENCE.PROVIDER_ACCOUNT_SELECTION_REQUIRED'
  | 'EVIDENCE.PROVIDER_ACCOUNT_NOT_FOUND'
  | 'EVIDENCE.PROVIDER_ACCOUNT_INACTIVE'
  | 'EVIDENCE.INVALID_SPAN'
  | 'EVIDENCE.VERSION_NOT_FOUND';

export class EvidenceError extends Error {
  constructor(
    readonly code: EvidenceErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'EvidenceError';
  }
}
