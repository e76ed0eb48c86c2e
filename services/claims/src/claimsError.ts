/** Domain errors of the claims service; `code` is stable and maps to one HTTP problem type. */
export type ClaimsErrorCode =
  | 'CLAIMS.INVALID_FIELD'
  | 'CLAIMS.INVALID_CONFIG'
  | 'CLAIMS.UNKNOWN_ENTITY_KIND'
  | 'CLAIMS.UNKNOWN_PREDICATE'
  | 'CLAIMS.INVALID_RELATION'
  | 'CLAIMS.ENTITY_EXISTS'
  | 'CLAIMS.ENTITY_NOT_FOUND'
  | 'CLAIMS.MENTION_EXISTS'
  | 'CLAIMS.MENTION_NOT_FOUND'
  | 'CLAIMS.CITATION_REQUIRED'
  | 'CLAIMS.SPAN_NOT_FOUND'
  | 'CLAIMS.STALE_CITATION'
  | 'CLAIMS.CLAIM_EXISTS'
  | 'CLAIMS.CLAIM_NOT_FOUND'
  | 'CLAIMS.CLAIM_NOT_CURRENT';

/** `field` is the path of the offending input and `rule` what it must satisfy, for validation problems. */
export interface ClaimsErrorDetails {
  field: string;
  rule: string;
  [key: string]: unknown;
}

export class ClaimsError extends Error {
  constructor(
    readonly code: ClaimsErrorCode,
    readonly details: Readonly<ClaimsErrorDetails>,
  ) {
    super(`${details.field}: ${details.rule}`);
    this.name = 'ClaimsError';
  }
}

export function claimsError(code: ClaimsErrorCode, field: string, rule: string, extra: Record<string, unknown> = {}) {
  return new ClaimsError(code, { ...extra, field, rule });
}
