/** Domain errors of the audit service; `code` is stable and maps to one HTTP problem type. */
export type AuditErrorCode =
  | 'AUDIT.INVALID_FIELD'
  | 'AUDIT.INVALID_CURSOR'
  | 'AUDIT.INVALID_RANGE'
  | 'AUDIT.REASON_REQUIRED'
  | 'AUDIT.PROJECTION_NOT_FOUND'
  | 'AUDIT.ALREADY_REBUILDING'
  | 'AUDIT.ALREADY_RUNNING'
  | 'AUDIT.FAILED_SEQ_CONFLICT'
  | 'AUDIT.ENTITY_NOT_FOUND'
  | 'AUDIT.ERASURE_NOT_FOUND';

/** `field` is the path of the offending input and `rule` what it must satisfy. Ids only, never payloads. */
export interface AuditErrorDetails {
  field: string;
  rule: string;
  [key: string]: unknown;
}

export class AuditError extends Error {
  constructor(
    readonly code: AuditErrorCode,
    readonly details: Readonly<AuditErrorDetails>,
  ) {
    super(`${details.field}: ${details.rule}`);
    this.name = 'AuditError';
  }
}

export function auditError(code: AuditErrorCode, field: string, rule: string, extra: Record<string, unknown> = {}) {
  return new AuditError(code, { ...extra, field, rule });
}
