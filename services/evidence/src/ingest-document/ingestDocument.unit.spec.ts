import type { GmailMessage } from '../documents/gmailMessage';
import { documentIdFor, documentStreamId } from '../documents/documentIdentity';
import { inMemoryCommands, ORG, type InMemoryCommands } from '../testing/inMemoryCommands';
import { deleteDocument } from '../delete-document/deleteDocument.handler';
import { ingestMessage } from './ingestDocument.handler';

const message: GmailMessage = {
  providerAccountId: 'acct-1',
  messageId: 'msg-1',
  threadId: 'thr-1',
  internalDate: 1_772_323_200_000,
  historyId: 'h-1',
  from: 'avery.quill@example.test',
  to: ['advisor@example.test'],
  cc: [],
  subject: 'Annual review',
  body: 'Please rebalance the IRA ending 4421.',
};
const documentId = documentIdFor(ORG, 'acct-1', 'msg-1');
const streamId = documentStreamId(documentId);

describe('ingesting a message (in memory)', () => {
  let t: InMemoryCommands;
  const types = async () => (await t.events(streamId)).map((e) => e.type);
  beforeEach(() => {
    t = inMemoryCommands();
  });

  it('creates the document with version 1, content in the personal part, and waits for it', async () => {
    const result = await ingestMessage(t.deps, t.ctx, message);
    expect(result).toEqual({
      documentId,
      documentVersionId: `${documentId}:v1`,
      version: 1,
      created: true,
      newVersion: true,
      resurrected: false,
    });
    const [ingested] = await t.events(streamId);
    expect(ingested).toMatchObject({
      type: 'DocumentIngested',
      data: { documentId, version: 1, messageId: 'msg-1', contentLength: message.body.length },
      personal: { title: 'Annual review', content: message.body },
      metadata: { actor: 'advisor-1', correlationId: 'req-mem' },
    });
    expect(t.waited).toHaveLength(1);
  });

  it('adds nothing for the same source hash, and does not wait', async () => {
    await ingestMessage(t.deps, t.ctx, message);
    const again = await ingestMessage(t.deps, t.ctx, { ...message, historyId: 'h-2', labels: ['INBOX'] });
    expect(again).toMatchObject({ version: 1, created: false, newVersion: false, resurrected: false });
    expect(await types()).toEqual(['DocumentIngested']);
    expect(t.waited).toHaveLength(1);
  });

  it('adds exactly one version when the content changed', async () => {
    await ingestMessage(t.deps, t.ctx, message);
    const changed = await ingestMessage(t.deps, t.ctx, { ...message, body: `${message.body} Thanks.` });
    expect(changed).toMatchObject({
      version: 2,
      documentVersionId: `${documentId}:v2`,
      created: false,
      newVersion: true,
    });
    expect(await types()).toEqual(['DocumentIngested', 'DocumentVersionAdded']);
  });

  it('resurrects a tombstoned document under its id, with a version only if the content changed', async () => {
    await ingestMessage(t.deps, t.ctx, message);
    await deleteDocument(t.deps, t.ctx, documentId);
    const same = await ingestMessage(t.deps, t.ctx, message);
    expect(same).toMatchObject({ documentId, version: 1, newVersion: false, resurrected: true });
    await deleteDocument(t.deps, t.ctx, documentId);
    const changed = await ingestMessage(t.deps, t.ctx, { ...message, subject: 'Re: Annual review' });
    expect(changed).toMatchObject({ version: 2, newVersion: true, resurrected: true });
    expect(await types()).toEqual([
      'DocumentIngested',
      'DocumentTombstoned',
      'DocumentResurrected',
      'DocumentTombstoned',
      'DocumentResurrected',
      'DocumentVersionAdded',
    ]);
  });

  it('refuses a new version of an erased document as a conflict with the erasure, appending nothing', async () => {
    await ingestMessage(t.deps, t.ctx, message);
    await t.store.shred(ORG, streamId);
    await expect(ingestMessage(t.deps, t.ctx, { ...message, body: 'changed' })).rejects.toMatchObject({
      code: 'EVIDENCE.ALREADY_ERASED',
    });
    expect(await types()).toEqual(['DocumentIngested']);
  });

  it('decides again on the new state when another writer appended between its read and its append', async () => {
    await ingestMessage(t.deps, t.ctx, message);
    const append = t.store.append.bind(t.store);
    let raced = false;
    t.store.append = async (request) => {
      if (!raced && request.streamId === streamId) {
        raced = true;
        await append({ ...request, expectedRevision: 'any' });
      }
      return append(request);
    };
    const result = await ingestMessage(t.deps, t.ctx, { ...message, body: 'changed' });
    // The concurrent writer added the same version: the retry sees it and adds nothing.
    expect(result).toMatchObject({ version: 2, newVersion: false });
    expect(await types()).toEqual(['DocumentIngested', 'DocumentVersionAdded']);
  });
});
