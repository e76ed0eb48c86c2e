/**
 * C-05: a pinned span as events carry it (`SpanPinned`, `MentionAdded.span`,
 * `ClaimAsserted.citations[i]`, a brief's citations). Offsets are 0-based, half-open UTF-16 code
 * units into that exact version.
 */
export interface SpanReference {
  spanId: string;
  documentId: string;
  documentVersionId: string;
  startChar: number;
  endChar: number;
}

/** The same location, where a cited location may have no span of its own. */
export interface SpanLocation extends Omit<SpanReference, 'spanId'> {
  spanId: string | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function integer(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

/**
 * Reads a span location tolerantly, from any service's event payload, of any schema version
 * that has these fields: null unless documentId, documentVersionId and both offsets have their
 * shape and 0 ≤ startChar < endChar (a span pins at least one character); other fields are
 * ignored. A consumer skips what reads as null instead of failing its projection.
 */
export function readSpanLocation(value: unknown): SpanLocation | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const span = value as Record<string, unknown>;
  const documentId = text(span.documentId);
  const documentVersionId = text(span.documentVersionId);
  const startChar = integer(span.startChar);
  const endChar = integer(span.endChar);
  if (documentId === null || documentVersionId === null || startChar === null || endChar === null) return null;
  if (startChar < 0 || endChar <= startChar) return null;
  return { spanId: text(span.spanId), documentId, documentVersionId, startChar, endChar };
}

/** Reads a span reference tolerantly, as `readSpanLocation` does, and null without a spanId. */
export function readSpanReference(value: unknown): SpanReference | null {
  const location = readSpanLocation(value);
  if (location === null || location.spanId === null) return null;
  return { ...location, spanId: location.spanId };
}
