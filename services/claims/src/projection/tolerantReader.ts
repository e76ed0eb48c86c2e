import type { JsonObject, JsonValue } from '@ledger/ledger';
import type { SpanReference } from '../spans/spanReference';

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

/** A pinned span as events carry it (`MentionAdded.span`, `ClaimAsserted.citations[i]`, `SpanPinned`). */
export function spanReference(value: JsonValue | undefined): SpanReference | null {
  const spanId = text(value, 'spanId');
  const documentId = text(value, 'documentId');
  const documentVersionId = text(value, 'documentVersionId');
  const startChar = integer(value, 'startChar');
  const endChar = integer(value, 'endChar');
  if (spanId === null || documentId === null || documentVersionId === null) return null;
  if (startChar === null || endChar === null) return null;
  return { spanId, documentId, documentVersionId, startChar, endChar };
}

/** Whether an event comes from a stream of the given category (`evidence-…`, `claim-…`). */
export function inCategory(streamId: string, category: string): boolean {
  return streamId.startsWith(`${category}-`);
}
