import type { RecordedEvent } from '@ledger/ledger';
import { documentStreamId } from '../documents/documentIdentity';
import {
  DOCUMENT_INGESTED,
  DOCUMENT_RESURRECTED,
  DOCUMENT_TOMBSTONED,
  DOCUMENT_VERSION_ADDED,
  type DocumentEvent,
} from '../documents/documentEvents';
import { evolveDocument, NO_DOCUMENT, type DocumentState } from '../documents/documentState';
import type { RequestCommand } from '@ledger/host';
import { SPAN_PINNED, type SpanPinnedData } from './spanEvents';

const DOCUMENT_EVENT_TYPES: readonly string[] = [
  DOCUMENT_INGESTED,
  DOCUMENT_VERSION_ADDED,
  DOCUMENT_TOMBSTONED,
  DOCUMENT_RESURRECTED,
];

/** A document as a command sees it: folded state and its versions' events. */
export interface LoadedDocument {
  state: DocumentState;
  /** documentVersionId → the event holding that version's content. */
  versionEvents: Map<string, { eventId: string; version: number }>;
  /** spanId → the span pinned under it in this document. */
  spans: Map<string, SpanPinnedData>;
}

/** `initialState` is fresh per attempt, so adding to its map cannot leak into a retry. */
function evolveLoaded(loaded: LoadedDocument, event: RecordedEvent): LoadedDocument {
  if (event.type === SPAN_PINNED) {
    // Written by this service only (pinSpan): its clear data is SpanPinnedData.
    const span = event.data as unknown as SpanPinnedData;
    loaded.spans.set(span.spanId, span);
    return loaded;
  }
  if (!DOCUMENT_EVENT_TYPES.includes(event.type)) return loaded;
  // The stream is this service's own: its clear data has the shape DocumentEvent describes.
  const documentEvent = { type: event.type, data: event.data } as DocumentEvent;
  if (documentEvent.type === DOCUMENT_INGESTED || documentEvent.type === DOCUMENT_VERSION_ADDED) {
    loaded.versionEvents.set(documentEvent.data.documentVersionId, {
      eventId: event.eventId,
      version: documentEvent.data.version,
    });
  }
  return { ...loaded, state: evolveDocument(loaded.state, documentEvent) };
}

/**
 * The document's stream for `handleCommand`, read without decrypting anything: commands decide
 * on clear data only.
 */
export function documentStream(documentId: string): Omit<RequestCommand<LoadedDocument>, 'decide'> {
  return {
    streamId: documentStreamId(documentId),
    initialState: () => ({ state: NO_DOCUMENT, versionEvents: new Map(), spans: new Map() }),
    evolve: evolveLoaded,
    personal: 'withhold',
  };
}
