import { readSpanReference } from '@ledger/contracts';
import { IGNORED, type FollowedHandlers, type ProjectionHandler } from '@ledger/projections';
import type { ClaimsFollows } from '../claims.descriptor';
import { inCategory, integer, text } from './tolerantReader';

/**
 * The evidence service's document and span events, as far as claims need them: which version
 * of a document is its latest (a citation of any other is stale) and where each span is pinned.
 * The evidence service owns these events; this is a tolerant reader of their clear data.
 */
const EVIDENCE = 'evidence';

const versionAdded: ProjectionHandler = (event, tx) => {
  if (!inCategory(event.streamId, EVIDENCE)) return;
  const documentId = text(event.data, 'documentId');
  const documentVersionId = text(event.data, 'documentVersionId');
  if (documentId === null || documentVersionId === null) return;
  // A document's versions are appended to its one stream in order: the last one seen is the latest.
  tx.upsert('claims_documents', {
    document_id: documentId,
    latest_version_id: documentVersionId,
    latest_version: integer(event.data, 'version'),
  });
};

const tombstoned = (value: boolean): ProjectionHandler => {
  return (event, tx) => {
    if (!inCategory(event.streamId, EVIDENCE)) return;
    const documentId = text(event.data, 'documentId');
    if (documentId === null) return;
    tx.upsert('claims_documents', { document_id: documentId, tombstoned: value });
  };
};

const spanPinned: ProjectionHandler = (event, tx) => {
  if (!inCategory(event.streamId, EVIDENCE)) return;
  const span = readSpanReference(event.data);
  if (span === null) return;
  const { spanId, documentId, documentVersionId, startChar, endChar } = span;
  tx.upsert('claims_spans', {
    span_id: spanId,
    document_id: documentId,
    document_version_id: documentVersionId,
    start_char: startChar,
    end_char: endChar,
    pinned_event_id: event.eventId,
  });
};

export const evidenceHandlers = {
  // Accounts and Evidence.List accesses say nothing about which spans or versions a claim may cite.
  ProviderAccountRegistered: IGNORED,
  ProviderAccountStatusChanged: IGNORED,
  EvidenceListed: IGNORED,
  DocumentIngested: versionAdded,
  DocumentVersionAdded: versionAdded,
  DocumentTombstoned: tombstoned(true),
  DocumentResurrected: tombstoned(false),
  SpanPinned: spanPinned,
} satisfies FollowedHandlers<ClaimsFollows>;
