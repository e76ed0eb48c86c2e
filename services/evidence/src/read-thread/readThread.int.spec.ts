import { rebuildOrg } from '@ledger/projections';
import { evidenceProjection } from '../projection/evidenceProjection';
import {
  advisor,
  createEvidenceTestContext,
  message,
  orgEventCount,
  type EvidenceTestContext,
} from '../testing/evidenceTestContext';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);

describe('thread read model', () => {
  let t: EvidenceTestContext;
  const org = 'org-threads';
  beforeAll(async () => {
    t = await createEvidenceTestContext();
    await t.app.registerProviderAccount(advisor(org), { id: 'acct-1', provider: 'gmail', label: 'Work' });
  });
  afterAll(() => t.close());

  it('orders messages by (internalDate, messageId) and keeps each ingestSeq from first arrival', async () => {
    const ctx = advisor(org);
    const thread = { threadId: 'thr-order' };
    await t.app.ingest(ctx, message({ ...thread, messageId: 'm-b', internalDate: T0 + 2 * DAY }));
    await t.app.ingest(ctx, message({ ...thread, messageId: 'm-c', internalDate: T0 + 3 * DAY }));
    // Arrives later but was sent earlier: a higher ingestSeq, an earlier place.
    await t.app.ingest(ctx, message({ ...thread, messageId: 'm-a', internalDate: T0 + DAY }));
    // Same date as m-b: the message id breaks the tie.
    await t.app.ingest(ctx, message({ ...thread, messageId: 'm-ab', internalDate: T0 + 2 * DAY }));

    const view = await t.app.readThread(ctx, 'thr-order');
    expect(view.messages.map((m) => [m.messageId, m.ingestSeq])).toEqual([
      ['m-a', 3],
      ['m-ab', 4],
      ['m-b', 1],
      ['m-c', 2],
    ]);
    expect(view.dateRange).toEqual({ first: T0 + DAY, last: T0 + 3 * DAY });
  });

  it('never renumbers: new versions, tombstones and resurrections keep every ingestSeq', async () => {
    const ctx = advisor(org);
    const before = (await t.app.readThread(ctx, 'thr-order')).messages.map((m) => [m.messageId, m.ingestSeq]);
    const b = message({ threadId: 'thr-order', messageId: 'm-b', internalDate: T0 + 2 * DAY });
    const edited = await t.app.ingest(ctx, { ...b, body: 'A corrected body.' });
    expect(edited.version).toBe(2);
    const a = await t.app.ingest(ctx, message({ threadId: 'thr-order', messageId: 'm-a', internalDate: T0 + DAY }));
    await t.app.deleteDocument(ctx, a.documentId);

    let view = await t.app.readThread(ctx, 'thr-order');
    expect(view.messages.map((m) => [m.messageId, m.ingestSeq])).toEqual(before);
    expect(view.messages.find((m) => m.messageId === 'm-b')?.documentVersionId).toBe(edited.documentVersionId);
    expect(view.messages.find((m) => m.messageId === 'm-a')?.tombstoned).toBe(true);
    expect(view.dateRange).toEqual({ first: T0 + 2 * DAY, last: T0 + 3 * DAY });

    await t.app.ingest(ctx, message({ threadId: 'thr-order', messageId: 'm-a', internalDate: T0 + DAY }));
    await t.app.ingest(ctx, message({ threadId: 'thr-order', messageId: 'm-d', internalDate: T0 }));
    view = await t.app.readThread(ctx, 'thr-order');
    expect(view.messages.map((m) => [m.messageId, m.ingestSeq])).toEqual([['m-d', 5], ...before]);
  });

  it('lists participants from the messages, decrypted at read time and deduplicated', async () => {
    const ctx = advisor(org);
    await t.app.ingest(
      ctx,
      message({
        threadId: 'thr-people',
        messageId: 'p-1',
        internalDate: T0,
        from: 'avery.quill@example.test',
        to: ['advisor@example.test'],
        cc: ['jordan.quill@example.test'],
      }),
    );
    await t.app.ingest(
      ctx,
      message({
        threadId: 'thr-people',
        messageId: 'p-2',
        internalDate: T0 + DAY,
        from: 'Advisor@Example.test',
        to: ['avery.quill@example.test', 'tax.partner@example.test'],
      }),
    );
    const view = await t.app.readThread(ctx, 'thr-people');
    expect(view.participants).toEqual([
      'avery.quill@example.test',
      'advisor@example.test',
      'jordan.quill@example.test',
      'tax.partner@example.test',
    ]);
    // The read model itself holds no address: only ids and the event that carries them.
    const { rows } = await t.pool.query('SELECT * FROM evidence_thread_messages WHERE org_id = $1', [org]);
    expect(JSON.stringify(rows)).not.toContain('@example.test');
  });

  it('shows erased messages as erased and leaves their addresses out', async () => {
    const ctx = advisor(org);
    const p1 = await t.app.ingest(ctx, message({ threadId: 'thr-people', messageId: 'p-1', internalDate: T0 }));
    await t.ledger.shred(org, `evidence-${p1.documentId}`);
    const view = await t.app.readThread(ctx, 'thr-people');
    expect(view.messages.map((m) => m.personalState)).toEqual(['erased', 'present']);
    expect(view.participants).not.toContain('jordan.quill@example.test');
  });

  it("reports an unknown thread, or another org's, as not found", async () => {
    for (const [orgId, threadId] of [
      ['org-threads-b', 'thr-order'],
      [org, 'thr-none'],
    ]) {
      await expect(t.app.readThread(advisor(orgId), threadId)).rejects.toMatchObject({
        code: 'EVIDENCE.THREAD_NOT_FOUND',
      });
    }
    expect(await orgEventCount(t, 'org-threads-b')).toBe(0);
  });

  it('rebuilds to the same rows, in small batches as in one', async () => {
    for (const batchSize of [2, 1000]) {
      const result = await rebuildOrg({ pool: t.pool, ledger: t.ledger }, evidenceProjection, org, {
        actor: 'test',
        dryRun: true,
        batchSize,
      });
      expect(result.comparison).toMatchObject({ comparable: true, identical: true, differences: [] });
    }
  });
});
