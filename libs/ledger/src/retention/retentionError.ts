export type RetentionErrorCode =
  'RETENTION.INVALID_FIELD' | 'RETENTION.BELOW_FLOOR' | 'RETENTION.HOLD_NOT_FOUND' | 'RETENTION.ALREADY_RELEASED';

/** A refused compliance action: nothing was written. `field` and `rule` name what was wrong. */
export class RetentionError extends Error {
  constructor(
    readonly code: RetentionErrorCode,
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${code}: ${field} ${rule}`);
    this.name = 'RetentionError';
  }

  /** What a problem+json answer lists as `errors[]`. */
  get details(): { field: string; rule: string } {
    return { field: this.field, rule: this.rule };
  }
}
