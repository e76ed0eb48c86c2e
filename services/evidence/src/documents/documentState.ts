import {
  DOCUMENT_INGESTED,
  DOCUMENT_RESURRECTED,
  DOCUMENT_TOMBSTONED,
  DOCUMENT_VERSION_ADDED,
  type DocumentEvent,
} from './documentEvents';

export interface DocumentState {
  exists: boolean;
  tombstoned: boolean;
  /** Number of the latest version, 0 before the first. */
  latestVersion: number;
  latestSourceHash: string | null;
}

export const NO_DOCUMENT: DocumentState = {
  exists: false,
  tombstoned: false,
  latestVersion: 0,
  latestSourceHash: null,
};

export function evolveDocument(state: DocumentState, event: DocumentEvent): DocumentState {
  switch (event.type) {
    case DOCUMENT_INGESTED:
    case DOCUMENT_VERSION_ADDED:
      return { ...state, exists: true, latestVersion: event.data.version, latestSourceHash: event.data.sourceHash };
    case DOCUMENT_TOMBSTONED:
      return { ...state, tombstoned: true };
    case DOCUMENT_RESURRECTED:
      return { ...state, tombstoned: false };
  }
}

export function foldDocument(events: Iterable<DocumentEvent>): DocumentState {
  let state = NO_DOCUMENT;
  for (const event of events) state = evolveDocument(state, event);
  return state;
}
