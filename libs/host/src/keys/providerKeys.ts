/**
 * Process-wide values a service module injects without importing whoever provides them. Global
 * `Symbol.for` keys, so a service package can name the same key without depending on this one.
 */
export const SIGNING_KEYS = Symbol.for('ledger.signing-keys');
export const TRUSTED_PUBLIC_KEYS = Symbol.for('ledger.trusted-public-keys');
export const PROJECTION_DEFINITIONS = Symbol.for('ledger.projection-definitions');
/** Where published tree heads are kept outside the database (a CheckpointStore). */
export const CHECKPOINT_STORE = Symbol.for('ledger.checkpoint-store');
