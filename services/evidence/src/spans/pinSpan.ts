import { EvidenceError } from '../evidenceError';

/** C-05: 0-based, half-open offsets in UTF-16 code units (JavaScript string indices). */
export interface SpanOffsets {
  startChar: number;
  endChar: number;
  text: string;
}

function invalid(field: string, rule: string): EvidenceError {
  return new EvidenceError('EVIDENCE.INVALID_SPAN', `${field}: ${rule}`, { field, rule });
}

/**
 * A span pins exact text of one exact version: it is refused unless
 * 0 ≤ startChar < endChar ≤ content.length and text === content.slice(startChar, endChar).
 */
export function assertSpanPins(content: string, span: SpanOffsets): void {
  const { startChar, endChar, text } = span;
  if (!Number.isSafeInteger(startChar) || startChar < 0) throw invalid('startChar', 'must be an integer >= 0');
  if (!Number.isSafeInteger(endChar) || endChar <= startChar)
    throw invalid('endChar', 'must be an integer > startChar');
  if (endChar > content.length) throw invalid('endChar', `must be <= the version's length (${content.length})`);
  if (typeof text !== 'string' || text !== content.slice(startChar, endChar)) {
    throw invalid('text', "must equal the version's content between startChar and endChar");
  }
}

/**
 * For a span pinned to a superseded version: where its text occurs exactly once in the new
 * version, the offsets it would have there; otherwise null. A suggestion only: spans are never
 * re-pointed, a new span must be pinned to the new version.
 */
export function suggestRelocation(text: string, newContent: string): Omit<SpanOffsets, 'text'> | null {
  const first = newContent.indexOf(text);
  if (first < 0 || newContent.indexOf(text, first + 1) >= 0) return null;
  return { startChar: first, endChar: first + text.length };
}
