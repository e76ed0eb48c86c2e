import { isSafeText, UNSAFE_TEXT_RULE } from '@ledger/contracts';
import { claimsError } from './claimsError';

/** Ids end up in stream names (`claim-<id>`, `entity-<id>`): the ledger's stream-id alphabet, bounded. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const MAX_REASON_LENGTH = 500;
export const MAX_LABEL_LENGTH = 200;
export const MAX_LITERAL_LENGTH = 1000;

export function requireId(field: string, value: unknown): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw claimsError('CLAIMS.INVALID_FIELD', field, `must match ${ID_PATTERN.source}`);
  }
  return value;
}

/** Non-blank text of bounded length; returned as given (not trimmed) so nothing is silently rewritten. */
export function requireText(field: string, value: unknown, maxLength: number): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw claimsError('CLAIMS.INVALID_FIELD', field, 'must be a non-blank string');
  }
  if (value.length > maxLength) {
    throw claimsError('CLAIMS.INVALID_FIELD', field, `must be at most ${maxLength} characters`);
  }
  if (!isSafeText(value)) throw claimsError('CLAIMS.INVALID_FIELD', field, UNSAFE_TEXT_RULE);
  return value;
}

export function requireReason(value: unknown): string {
  return requireText('reason', value, MAX_REASON_LENGTH);
}
