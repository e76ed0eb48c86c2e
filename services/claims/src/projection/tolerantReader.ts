import type { JsonObject, JsonValue } from '@ledger/ledger';

/**
 * Tolerant reading of event payloads, ours and other services': take the fields we need when
 * they have the expected shape, ignore everything else. A handler given an event without them
 * skips it rather than stopping the org's projection.
 */
export function text(data: JsonObject | JsonValue | undefined, key: string): string | null {
  if (!isObject(data)) return null;
  const value = data[key];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function integer(data: JsonObject | JsonValue | undefined, key: string): number | null {
  if (!isObject(data)) return null;
  const value = data[key];
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

export function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether an event comes from a stream of the given category (`evidence-…`, `claim-…`). */
export function inCategory(streamId: string, category: string): boolean {
  return streamId.startsWith(`${category}-`);
}
