import { LedgerValidationError } from '../errors/ledgerError';
import type { JsonObject } from './types';

const MAX_DEPTH = 64;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Checks that a value survives a JSON round trip unchanged: plain objects, arrays, strings,
 * finite numbers, booleans and null only. Anything else (undefined, Date, Map, BigInt, NaN,
 * functions, cycles) would be silently altered by serialisation, so it is refused.
 */
export function assertJsonObject(value: unknown, field: string): asserts value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !isPlainObject(value)) {
    throw new LedgerValidationError(field, 'must be a JSON object');
  }
  assertJsonValue(value, field, 0, new Set());
}

function assertJsonValue(value: unknown, field: string, depth: number, ancestors: Set<object>): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new LedgerValidationError(field, 'must be a finite number');
    return;
  }
  if (typeof value !== 'object') throw new LedgerValidationError(field, `must be JSON, not ${typeof value}`);
  if (depth >= MAX_DEPTH) throw new LedgerValidationError(field, `must nest at most ${MAX_DEPTH} levels`);
  if (ancestors.has(value)) throw new LedgerValidationError(field, 'must not contain a cycle');
  ancestors.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertJsonValue(item, `${field}[${index}]`, depth + 1, ancestors));
  } else if (!isPlainObject(value)) {
    throw new LedgerValidationError(field, `must be JSON, not a ${value.constructor?.name ?? 'non-plain object'}`);
  } else {
    for (const [key, item] of Object.entries(value)) assertJsonValue(item, `${field}.${key}`, depth + 1, ancestors);
  }
  ancestors.delete(value);
}
