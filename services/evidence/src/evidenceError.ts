/** Domain errors of the evidence service; `code` is stable and maps to one HTTP problem type. */
export type EvidenceErrorCode =
  | 'EVIDENCE.INVALID_FIELD'
  | 'EVIDENCE.INVALID_FILTER'
  | 'EVIDENCE.INVALID_CURSOR'
  | 'EVIDENCE.PROVIDER_ACCOUNT_SELECTION_REQUIRED'
  | 'EVIDENCE.PROVIDER_ACCOUNT_NOT_FOUND'
  | 'EVIDENCE.PROVIDER_ACCOUNT_EXISTS'
  | 'EVIDENCE.PROVIDER_ACCOUNT_INACTIVE'
  | 'EVIDENCE.DOCUMENT_NOT_FOUND'
  | 'EVIDENCE.ALREADY_ERASED'
  | 'EVIDENCE.THREAD_NOT_FOUND'
  | 'EVIDENCE.INVALID_SPAN'
  | 'EVIDENCE.VERSION_NOT_FOUND'
  | 'EVIDENCE.SPAN_NOT_FOUND'
  | 'EVIDENCE.SPAN_ID_CONFLICT'
  | 'EVIDENCE.DOCUMENT_TOMBSTONED'
  | 'EVIDENCE.ENTITY_NOT_FOUND'
  | 'EVIDENCE.CLAIM_NOT_FOUND'
  | 'EVIDENCE.BULLET_NOT_FOUND';

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

/** A validation error: `field` is the path of the offending input, `rule` what it must satisfy. */
export function invalidField(
  field: string,
  rule: string,
  code: 'EVIDENCE.INVALID_FIELD' | 'EVIDENCE.INVALID_FILTER' | 'EVIDENCE.INVALID_CURSOR' = 'EVIDENCE.INVALID_FIELD',
): EvidenceError {
  return new EvidenceError(code, `${field}: ${rule}`, { field, rule });
}

/** Not found in the caller's org; another org's id is reported exactly like a missing one. */
export function notFound(
  code: Extract<EvidenceErrorCode, `${string}_NOT_FOUND`>,
  field: string,
  id: string,
): EvidenceError {
  return new EvidenceError(code, `${field} ${id} not found`, { field, [field]: id });
}
