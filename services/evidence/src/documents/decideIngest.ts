import { documentIdFor, documentVersionId } from './documentIdentity';
import { DOCUMENT_INGESTED, DOCUMENT_RESURRECTED, DOCUMENT_VERSION_ADDED, type DocumentEvent } from './documentEvents';
import type { DocumentState } from './documentState';
import type { GmailMessage } from './gmailMessage';
import { sourceHash } from './sourceHash';

/**
 * C-03 ingest: a new message creates the document with version 1; the same source hash adds
 * nothing; a changed one adds exactly one version; a tombstoned document is resurrected under
 * the same id (and gets a version only if its content changed). Earlier versions are never
 * rewritten.
 */
export function decideIngest(orgId: string, state: DocumentState, message: GmailMessage): DocumentEvent[] {
  const documentId = documentIdFor(orgId, message.providerAccountId, message.messageId);
  const hash = sourceHash(message.subject, message.body);
  const events: DocumentEvent[] = [];
  if (state.tombstoned) events.push({ type: DOCUMENT_RESURRECTED, data: { documentId, messageId: message.messageId } });
  if (state.exists && state.latestSourceHash === hash) return events;
  const version = state.latestVersion + 1;
  events.push({
    type: state.exists ? DOCUMENT_VERSION_ADDED : DOCUMENT_INGESTED,
    data: {
      documentId,
      documentVersionId: documentVersionId(documentId, version),
      version,
      providerAccountId: message.providerAccountId,
      messageId: message.messageId,
      threadId: message.threadId,
      internalDate: message.internalDate,
      historyId: message.historyId,
      sourceHash: hash,
      contentLength: message.body.length,
    },
    personal: { title: message.subject, content: message.body, from: message.from, to: message.to, cc: message.cc },
  });
  return events;
}
