import type { EventStore, ExpectedRevision } from '@ledger/ledger';
import { documentStreamId } from '../documents/documentIdentity';
import {
  DOCUMENT_INGESTED,
  DOCUMENT_RESURRECTED,
  DOCUMENT_TOMBSTONED,
  DOCUMENT_VERSION_ADDED,
  type DocumentEvent,
} from '../documents/documentEvents';
import { evolveDocument, NO_DOCUMENT, type DocumentState } from '../documents/documentState';

const DOCUMENT_EVENT_TYPES: readonly string[] = [
  DOCUMENT_INGESTED,
  DOCUMENT_VERSION_ADDED,
  DOCUMENT_TOMBSTONED,
  DOCUMENT_RESURRECTED,
];

/** A document as a command sees it: folded state, its versions' events, and the revision to append at. */
export interface LoadedDocument {
  state: DocumentState;
  /** documentVersionId → the event holding that version's content. */
  versionEvents: Map<string, { eventId: string; version: number }>;
  expectedRevision: ExpectedRevision;
}

/** Reads the document's stream without decrypting anything: commands decide on clear data only. */
export async function loadDocument(store: EventStore, orgId: string, documentId: string): Promise<LoadedDocument> {
  let state = NO_DOCUMENT;
  let revision = -1;
  const versionEvents = new Map<string, { eventId: string; version: number }>();
  for await (const event of store.readStream(orgId, documentStreamId(documentId), { personal: 'withhold' })) {
    revision = event.streamRevision;
    if (!DOCUMENT_EVENT_TYPES.includes(event.type)) continue;
    // The stream is this service's own: its clear data has the shape DocumentEvent describes.
    const documentEvent = { type: event.type, data: event.data } as DocumentEvent;
    state = evolveDocument(state, documentEvent);
    if (documentEvent.type === DOCUMENT_INGESTED || documentEvent.type === DOCUMENT_VERSION_ADDED) {
      versionEvents.set(documentEvent.data.documentVersionId, {
        eventId: event.eventId,
        version: documentEvent.data.version,
      });
    }
  }
  return { state, versionEvents, expectedRevision: revision < 0 ? 'no_stream' : revision };
}
