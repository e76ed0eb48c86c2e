import { IGNORED, type FollowedHandlers, type ProjectionEvent, type ProjectionHandler } from '@ledger/projections';
import type { MeetingPrepFollows } from '../meetingPrep.descriptor';
import { categoryOf, integerField, textField } from './eventFields';
import { DOCUMENTS } from './tables';

function fromDocumentStream(event: ProjectionEvent): boolean {
  return categoryOf(event.streamId) === 'evidence';
}

/** A new version becomes the document's latest: events of one stream arrive in stream order. */
const versionStored: ProjectionHandler = (event, tx) => {
  const documentId = textField(event.data.documentId);
  const documentVersionId = textField(event.data.documentVersionId);
  const threadId = textField(event.data.threadId);
  const internalDate = integerField(event.data.internalDate);
  if (!fromDocumentStream(event) || !documentId || !documentVersionId || !threadId || internalDate === null) return;
  tx.upsert(DOCUMENTS, {
    document_id: documentId,
    provider_account_id: textField(event.data.providerAccountId),
    message_id: textField(event.data.messageId),
    thread_id: threadId,
    latest_version_id: documentVersionId,
    latest_version: integerField(event.data.version),
    internal_date: internalDate,
    version_event_id: event.eventId,
  });
};

function tombstoned(value: boolean): ProjectionHandler {
  return (event, tx) => {
    const documentId = textField(event.data.documentId);
    if (!fromDocumentStream(event) || !documentId) return;
    tx.upsert(DOCUMENTS, { document_id: documentId, tombstoned: value });
  };
}

export const documentHandlers = {
  // A brief cites claims, whose citations carry their spans; accounts and list accesses bear on no brief.
  ProviderAccountRegistered: IGNORED,
  ProviderAccountStatusChanged: IGNORED,
  SpanPinned: IGNORED,
  EvidenceListed: IGNORED,
  DocumentIngested: versionStored,
  DocumentVersionAdded: versionStored,
  DocumentTombstoned: tombstoned(true),
  DocumentResurrected: tombstoned(false),
} satisfies FollowedHandlers<MeetingPrepFollows>;
