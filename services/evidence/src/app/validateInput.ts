import { isSafeText, PROVIDER_ID_PATTERN, UNSAFE_TEXT_RULE } from '@ledger/contracts';
import { invalidField } from '../evidenceError';

/** Ids become part of stream ids: letters, digits and `._:-`, starting with a letter or digit. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
export const MAX_ID_LENGTH = 120;

/**
 * The use cases check their input themselves (HTTP validates it too), so a caller that is not
 * HTTP (a seeder, a tool) cannot write what the contract would refuse.
 */
export function requireId(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw invalidField(field, 'must be a non-empty string');
  if (value.length > MAX_ID_LENGTH) throw invalidField(field, `must be at most ${MAX_ID_LENGTH} characters`);
  if (!ID.test(value))
    throw invalidField(field, 'must be letters, digits and . _ : - (starting with a letter or digit)');
  return value;
}

/** An id the provider supplies (messageId, threadId, historyId): the contract's published pattern. */
export function requireProviderId(field: string, value: unknown): string {
  if (typeof value !== 'string' || !PROVIDER_ID_PATTERN.test(value))
    throw invalidField(field, 'must be 1 to 200 letters, digits and . _ : - (starting with a letter or digit)');
  return value;
}

export function requireText(
  field: string,
  value: unknown,
  max: number,
  options: { allowEmpty?: boolean } = {},
): string {
  if (typeof value !== 'string') throw invalidField(field, 'must be a string');
  if (!options.allowEmpty && value.trim().length === 0) throw invalidField(field, 'must not be blank');
  if (value.length > max) throw invalidField(field, `must be at most ${max} characters`);
  if (!isSafeText(value)) throw invalidField(field, UNSAFE_TEXT_RULE);
  return value;
}

export function requireTextList(field: string, value: unknown, maxItems: number, maxLength: number): string[] {
  if (!Array.isArray(value)) throw invalidField(field, 'must be an array of strings');
  if (value.length > maxItems) throw invalidField(field, `must have at most ${maxItems} items`);
  return value.map((item, i) => requireText(`${field}[${i}]`, item, maxLength));
}

export function requireInteger(field: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalidField(field, 'must be an integer');
  if (value < min || value > max) throw invalidField(field, `must be between ${min} and ${max}`);
  return value;
}

/** Refuses fields the input type does not have, so a typo is an error rather than silently dropped. */
export function rejectUnknownFields(input: object, allowed: readonly string[]): void {
  for (const key of Object.keys(input)) if (!allowed.includes(key)) throw invalidField(key, 'is not a known field');
}
