import type { JsonValue } from '@ledger/ledger';

/**
 * A tolerant reader of other services' (and older) event payloads: a field of the wrong shape
 * reads as null and the handler skips what it cannot use, instead of failing the org's projection.
 */
export function text(value: JsonValue | undefined): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function integer(value: JsonValue | undefined): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

export function record(value: JsonValue | undefined): { [key: string]: JsonValue } | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
}

export function list(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}
