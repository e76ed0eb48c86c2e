import { createHash } from 'node:crypto';
import { decideDelete } from './decideDelete';
import { decideIngest } from './decideIngest';
import { documentIdFor } from './documentIdentity';
import {
  DOCUMENT_INGESTED,
  DOCUMENT_RESURRECTED,
  DOCUMENT_TOMBSTONED,
  DOCUMENT_VERSION_ADDED,
  type DocumentEvent,
} from './documentEvents';
import { foldDocument } from './documentState';
import type { GmailMessage } from './gmailMessage';
import { sourceHash } from './sourceHash';

const ORG = 'org-1';
const message: GmailMessage = {
  providerAccountId: 'acct-1',
  messageId: 'msg-1',
  threadId: 'thr-1',
  internalDate: 1_790_000_000_000,
  historyId: 'h-1',
  from: 'client@example.test',
  to: ['advisor@example.test'],
  cc: [],
  subject: 'Review',
  body: 'Please rebalance the IRA ending 4421.',
  labels: ['INBOX'],
};

/** Given past events, when a message is ingested, then these events. */
function ingest(history: DocumentEvent[], input: GmailMessage): DocumentEvent[] {
  return decideIngest(ORG, foldDocument(history), input);
}

describe('document ingest (C-03)', () => {
  it('creates version 1 of a new document', () => {
    const [event] = ingest([], message);
    expect(event).toMatchObject({
      type: DOCUMENT_INGESTED,
      data: { version: 1, documentVersionId: `${documentIdFor(ORG, 'acct-1', 'msg-1')}:v1` },
    });
  });

  it('adds no version when the source hash is unchanged, whatever else changed', () => {
    const history = ingest([], message);
    expect(ingest(history, { ...message, historyId: 'h-2', labels: ['ARCHIVED'], internalDate: 1 })).toEqual([]);
  });

  it('adds exactly one version when the title or the content changed', () => {
    const history = ingest([], message);
    for (const changed of [
      { ...message, subject: 'Review (2)' },
      { ...message, body: `${message.body} Thanks.` },
    ]) {
      const events = ingest(history, changed);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: DOCUMENT_VERSION_ADDED, data: { version: 2 } });
    }
  });

  it('resurrects a tombstoned document under the same id, adding a version only for new content', () => {
    const history = [...ingest([], message)];
    const documentId = documentIdFor(ORG, 'acct-1', 'msg-1');
    history.push(...decideDelete(documentId, foldDocument(history), 'deleted in Gmail'));
    expect(history[1]).toMatchObject({ type: DOCUMENT_TOMBSTONED });
    expect(ingest(history, message)).toEqual([
      { type: DOCUMENT_RESURRECTED, data: { documentId, messageId: 'msg-1' } },
    ]);
    expect(ingest(history, { ...message, body: 'edited' }).map((e) => e.type)).toEqual([
      DOCUMENT_RESURRECTED,
      DOCUMENT_VERSION_ADDED,
    ]);
  });

  it('keeps two accounts with the same message id as two documents', () => {
    expect(documentIdFor(ORG, 'acct-1', 'msg-1')).not.toBe(documentIdFor(ORG, 'acct-2', 'msg-1'));
    expect(documentIdFor(ORG, 'acct-1', 'msg-1')).not.toBe(documentIdFor('org-2', 'acct-1', 'msg-1'));
    expect(documentIdFor(ORG, 'acct-1', 'msg-1')).toBe(documentIdFor(ORG, 'acct-1', 'msg-1'));
    expect(documentIdFor(ORG, 'acct-1', 'msg-1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('hashes {title, content} only, as RFC 8785 JSON', () => {
    expect(sourceHash('a', 'b')).toBe(createHash('sha256').update('{"content":"b","title":"a"}').digest('hex'));
  });

  it('deleting twice tombstones once', () => {
    const history = ingest([], message);
    const documentId = documentIdFor(ORG, 'acct-1', 'msg-1');
    const deleted = [...history, ...decideDelete(documentId, foldDocument(history), 'r')];
    expect(decideDelete(documentId, foldDocument(deleted), 'r')).toEqual([]);
    expect(decideDelete(documentId, foldDocument([]), 'r')).toEqual([]);
  });
});
