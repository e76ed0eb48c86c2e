import { DOCUMENT_TOMBSTONED, type DocumentEvent } from './documentEvents';
import type { DocumentState } from './documentState';

/** Deleting tombstones: the document and its versions stay, marked deleted; repeating it is a no-op. */
export function decideDelete(documentId: string, state: DocumentState, reason: string): DocumentEvent[] {
  if (!state.exists || state.tombstoned) return [];
  return [{ type: DOCUMENT_TOMBSTONED, data: { documentId, reason } }];
}
