/** Event types of a document stream, schema version 1. Personal parts travel encrypted. */
export const DOCUMENT_INGESTED = 'DocumentIngested';
export const DOCUMENT_VERSION_ADDED = 'DocumentVersionAdded';
export const DOCUMENT_TOMBSTONED = 'DocumentTombstoned';
export const DOCUMENT_RESURRECTED = 'DocumentResurrected';

/** Non-personal facts of a version. */
export interface VersionData {
  documentId: string;
  documentVersionId: string;
  version: number;
  providerAccountId: string;
  messageId: string;
  threadId: string;
  internalDate: number;
  historyId: string;
  sourceHash: string;
  contentLength: number;
}

/** Personal facts of a version: encrypted in the ledger, erasable. */
export interface VersionPersonal {
  title: string;
  content: string;
  from: string;
  to: string[];
  cc: string[];
}

export type DocumentEvent =
  | { type: typeof DOCUMENT_INGESTED | typeof DOCUMENT_VERSION_ADDED; data: VersionData; personal: VersionPersonal }
  | { type: typeof DOCUMENT_TOMBSTONED; data: { documentId: string; reason: string } }
  | { type: typeof DOCUMENT_RESURRECTED; data: { documentId: string; messageId: string } };
