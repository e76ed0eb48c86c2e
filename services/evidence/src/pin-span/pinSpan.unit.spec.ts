import { documentStreamId } from '../documents/documentIdentity';
import { inMemoryCommands, ORG, type InMemoryCommands } from '../testing/inMemoryCommands';
import { pinSpan, type PinSpanInput } from './pinSpan.handler';

const documentId = 'doc-1';
const streamId = documentStreamId(documentId);
const CONTENT = 'Please rebalance the IRA ending 4421.';

function version(n: number, content: string) {
  return {
    type: n === 1 ? 'DocumentIngested' : 'DocumentVersionAdded',
    data: {
      documentId,
      documentVersionId: `doc-1:v${n}`,
      version: n,
      providerAccountId: 'acct-1',
      messageId: 'msg-1',
      threadId: 'thr-1',
      internalDate: n,
      historyId: `h-${n}`,
      sourceHash: `hash-${n}`,
      contentLength: content.length,
    },
    personal: { title: 'Review', content, from: 'a@example.test', to: [], cc: [] },
  };
}

const at = CONTENT.indexOf('IRA ending 4421');
const pin = (overrides: Partial<PinSpanInput> = {}): PinSpanInput => ({
  documentId,
  documentVersionId: 'doc-1:v1',
  startChar: at,
  endChar: at + 'IRA ending 4421'.length,
  text: 'IRA ending 4421',
  ...overrides,
});

describe('pinning a span (in memory)', () => {
  let t: InMemoryCommands;
  const types = async () => (await t.events(streamId)).map((e) => e.type);
  beforeEach(async () => {
    t = inMemoryCommands();
    await t.given(streamId, [version(1, CONTENT)]);
  });

  it('records SpanPinned in the document stream, its text personal, and answers the span', async () => {
    const span = await pinSpan(t.deps, t.ctx, pin());
    expect(span).toMatchObject({ ...pin(), erased: false, versionIsCurrent: true });
    const pinned = (await t.events(streamId))[1];
    expect(pinned).toMatchObject({
      type: 'SpanPinned',
      data: { spanId: span.spanId, documentId, documentVersionId: 'doc-1:v1', startChar: at, endChar: span.endChar },
      personal: { text: 'IRA ending 4421' },
    });
    expect(pinned.canonical).not.toContain('4421');
    expect(t.waited).toEqual([[pinned.position]]);
  });

  it('pins a superseded version, answering that it is not current', async () => {
    await t.given(streamId, [version(2, `${CONTENT} Thanks.`)]);
    expect(await pinSpan(t.deps, t.ctx, pin())).toMatchObject({ versionIsCurrent: false });
  });

  it.each([
    ['text that is not the content between the offsets', pin({ text: 'IRA ending 4422' }), 'EVIDENCE.INVALID_SPAN'],
    ['an empty range', pin({ endChar: at, text: '' }), 'EVIDENCE.INVALID_SPAN'],
    ['an end past the content', pin({ endChar: CONTENT.length + 1 }), 'EVIDENCE.INVALID_SPAN'],
    ['an unknown version', pin({ documentVersionId: 'doc-1:v9' }), 'EVIDENCE.VERSION_NOT_FOUND'],
    ['an unknown document', pin({ documentId: 'doc-9' }), 'EVIDENCE.VERSION_NOT_FOUND'],
  ])('refuses %s and appends nothing', async (_case, input, code) => {
    await expect(pinSpan(t.deps, t.ctx, input)).rejects.toMatchObject({ code });
    expect(await types()).toEqual(['DocumentIngested']);
  });

  it('refuses a version whose content was erased', async () => {
    await t.store.shred(ORG, streamId);
    await expect(pinSpan(t.deps, t.ctx, pin())).rejects.toMatchObject({
      code: 'EVIDENCE.INVALID_SPAN',
      details: { field: 'documentVersionId' },
    });
    expect(await types()).toEqual(['DocumentIngested']);
  });

  it('refuses a tombstoned document with 409 DOCUMENT_TOMBSTONED, on the stream itself', async () => {
    await t.given(streamId, [{ type: 'DocumentTombstoned', data: { documentId, reason: 'deleted_by_user' } }]);
    await expect(pinSpan(t.deps, t.ctx, pin())).rejects.toMatchObject({
      code: 'EVIDENCE.DOCUMENT_TOMBSTONED',
      details: { field: 'documentId' },
    });
    expect(await types()).toEqual(['DocumentIngested', 'DocumentTombstoned']);
  });

  it('pins a span once under a client-chosen id: the same pin again appends nothing and answers the same span', async () => {
    const first = await pinSpan(t.deps, t.ctx, pin({ spanId: 'span-a' }));
    const again = await pinSpan(t.deps, t.ctx, pin({ spanId: 'span-a' }));
    expect(again).toEqual(first);
    expect(first.spanId).toBe('span-a');
    expect(await types()).toEqual(['DocumentIngested', 'SpanPinned']);
  });

  it('still answers a retried pin after the document was tombstoned', async () => {
    const first = await pinSpan(t.deps, t.ctx, pin({ spanId: 'span-t' }));
    await t.given(streamId, [{ type: 'DocumentTombstoned', data: { documentId, reason: 'deleted_by_user' } }]);
    expect(await pinSpan(t.deps, t.ctx, pin({ spanId: 'span-t' }))).toEqual(first);
  });

  it('refuses a client-chosen id that already pins other offsets, or a span of another document', async () => {
    await pinSpan(t.deps, t.ctx, pin({ spanId: 'span-b' }));
    await expect(
      pinSpan(t.deps, t.ctx, pin({ spanId: 'span-b', startChar: at + 4, text: 'ending 4421' })),
    ).rejects.toMatchObject({ code: 'EVIDENCE.SPAN_ID_CONFLICT', details: { field: 'spanId' } });
    const other = documentStreamId('doc-2');
    await t.given(other, [
      {
        ...version(1, CONTENT),
        data: { ...version(1, CONTENT).data, documentId: 'doc-2', documentVersionId: 'doc-2:v1' },
      },
    ]);
    await expect(
      pinSpan(t.deps, t.ctx, pin({ spanId: 'span-b', documentId: 'doc-2', documentVersionId: 'doc-2:v1' })),
    ).rejects.toMatchObject({ code: 'EVIDENCE.SPAN_ID_CONFLICT' });
    expect((await t.events(other)).map((e) => e.type)).toEqual(['DocumentIngested']);
  });
});
