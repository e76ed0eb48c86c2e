import { documentStreamId } from '../documents/documentIdentity';
import { inMemoryCommands, type InMemoryCommands } from '../testing/inMemoryCommands';
import { deleteDocument } from './deleteDocument.handler';

const documentId = 'doc-1';
const streamId = documentStreamId(documentId);
const ingested = {
  type: 'DocumentIngested',
  data: {
    documentId,
    documentVersionId: 'doc-1:v1',
    version: 1,
    providerAccountId: 'acct-1',
    messageId: 'msg-1',
    threadId: 'thr-1',
    internalDate: 1,
    historyId: 'h-1',
    sourceHash: 'hash-1',
    contentLength: 5,
  },
  personal: { title: 't', content: 'hello', from: 'a@example.test', to: [], cc: [] },
};

describe('deleting a document (in memory)', () => {
  let t: InMemoryCommands;
  beforeEach(() => {
    t = inMemoryCommands();
  });

  it('tombstones the document with the reason given', async () => {
    await t.given(streamId, [ingested]);
    const result = await deleteDocument(t.deps, t.ctx, documentId, 'deleted_in_provider');
    expect(result).toEqual({ documentId, tombstoned: true, changed: true });
    const events = await t.events(streamId);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['DocumentIngested', ingested.data],
      ['DocumentTombstoned', { documentId, reason: 'deleted_in_provider' }],
    ]);
    expect(t.waited).toEqual([[events[1].position]]);
  });

  it('answers unchanged and appends nothing when the document is already tombstoned', async () => {
    await t.given(streamId, [
      ingested,
      { type: 'DocumentTombstoned', data: { documentId, reason: 'deleted_by_user' } },
    ]);
    expect(await deleteDocument(t.deps, t.ctx, documentId)).toEqual({ documentId, tombstoned: true, changed: false });
    expect(await t.events(streamId)).toHaveLength(2);
    expect(t.waited).toEqual([]);
  });

  it('refuses an unknown document and a reason outside the vocabulary', async () => {
    await expect(deleteDocument(t.deps, t.ctx, 'doc-unknown')).rejects.toMatchObject({
      code: 'EVIDENCE.DOCUMENT_NOT_FOUND',
    });
    await t.given(streamId, [ingested]);
    await expect(
      deleteDocument(t.deps, t.ctx, documentId, 'because' as unknown as 'deleted_by_user'),
    ).rejects.toMatchObject({ code: 'EVIDENCE.INVALID_FIELD' });
    expect(await t.events(streamId)).toHaveLength(1);
  });
});
