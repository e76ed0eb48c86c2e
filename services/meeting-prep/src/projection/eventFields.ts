import { readSpanReference, type SpanReference } from '@ledger/contracts';
import type { JsonObject, JsonValue } from '@ledger/ledger';

/**
 * A tolerant reader of other services' event payloads: this service never imports their types,
 * so every field is checked here and a value of the wrong shape reads as absent.
 */
export function textField(value: JsonValue | undefined): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function integerField(value: JsonValue | undefined): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

export function objectField(value: JsonValue | undefined): JsonObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
}

/**
 * A span reference `{spanId, documentId, documentVersionId, startChar, endChar}`, or null if
 * malformed: the contract's one tolerant reader, so every service skips the same spans.
 */
export function spanField(value: JsonValue | undefined): SpanReference | null {
  return readSpanReference(value);
}

/** Every well-formed span of a list; malformed entries are left out. */
export function spanListField(value: JsonValue | undefined): SpanReference[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => spanField(item) ?? []);
}

/** The stream category of `<category>-<id>`. */
export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? '' : streamId.slice(0, dash);
}
