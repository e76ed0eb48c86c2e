/** A span pinned into a document's stream, schema version 1; its text is personal. */
export const SPAN_PINNED = 'SpanPinned';

export interface SpanPinnedData {
  spanId: string;
  documentId: string;
  documentVersionId: string;
  startChar: number;
  endChar: number;
}
