import { CollectingReader } from '@ledger/observability/testing';
import { rfcRootOfLeafHashes } from '../tree/testing/rfcVerifier';
import { collect, createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';
import { Ed25519KeyRing } from './ed25519KeyRing';
import { TreeHeadPublisher } from './treeHeadPublisher';
import { TREE_HEAD_AGE_METRIC, TreeHeadAge } from './treeHeadAge';
import { TreeHeadScheduler } from './treeHeadScheduler';
import { readTreeHeads } from './treeHeadStore';
import { checkTreeHeadSignature } from './verifyTreeHead';

async function appendOne(ctx: LedgerTestContext, orgId: string, i: number): Promise<void> {
  await ctx.ledger.append({
    orgId,
    streamId: 'audit-1',
    expectedRevision: 'any',
    events: [{ type: 'Checked', data: { i }, metadata: { actor: 'user-1' } }],
  });
}

describe('signed tree heads', () => {
  let ctx: LedgerTestContext;
  let clock = new Date('2026-03-01T00:00:00Z');
  const keys = new Ed25519KeyRing([
    Ed25519KeyRing.generate('k-old', new Date('2026-01-01T00:00:00Z'), new Date('2026-06-01T00:00:00Z')),
    Ed25519KeyRing.generate('k-new', new Date('2026-06-01T00:00:00Z')),
  ]);
  let publisher: TreeHeadPublisher;

  beforeAll(async () => {
    ctx = await createLedgerTestContext({ runSequencer: false });
    publisher = new TreeHeadPublisher({ pool: ctx.writer, keys, now: () => clock });
  });
  afterAll(() => ctx.close());

  it('publishes on demand a head whose root is the RFC 6962 root of the org leaves', async () => {
    for (let i = 0; i < 5; i++) await appendOne(ctx, 'org-sth', i);
    await ctx.ledger.sequencer.drain();
    const head = await publisher.publish('org-sth');
    const leaves = (await collect(ctx.ledger.readOrg('org-sth'))).map((e) => Buffer.from(e.leafHash, 'hex'));
    expect(head).toMatchObject({ orgId: 'org-sth', treeSize: 5, keyId: 'k-old', timestamp: clock.toISOString() });
    expect(head.rootHash).toBe(Buffer.from(rfcRootOfLeafHashes(leaves)).toString('hex'));
    expect(checkTreeHeadSignature(head, keys.publicKeys())).toBeNull();
    expect(await readTreeHeads(ctx.writer, 'org-sth')).toEqual([head]);
  });

  it('signs with the new key after rotation; old heads stay verifiable', async () => {
    await appendOne(ctx, 'org-sth', 5);
    await ctx.ledger.sequencer.drain();
    clock = new Date('2026-06-02T00:00:00Z');
    const head = await publisher.publish('org-sth');
    expect(head.keyId).toBe('k-new');
    const heads = await readTreeHeads(ctx.writer, 'org-sth');
    expect(heads.map((h) => [h.treeSize, h.keyId])).toEqual([
      [5, 'k-old'],
      [6, 'k-new'],
    ]);
    expect(heads.map((h) => checkTreeHeadSignature(h, keys.publicKeys()))).toEqual([null, null]);
  });

  it('publishes on schedule only for orgs that grew, and stops cleanly', async () => {
    await appendOne(ctx, 'org-sched', 0);
    await ctx.ledger.sequencer.drain();
    const published: string[] = [];
    const errors: unknown[] = [];
    const scheduler = new TreeHeadScheduler(publisher, {
      intervalMs: 20,
      onPublished: (heads) => published.push(...heads.map((h) => `${h.orgId}@${h.treeSize}`)),
      onError: (error) => errors.push(error),
    });
    scheduler.start();
    const deadline = Date.now() + 5_000;
    while (published.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100));
    await scheduler.stop();
    expect(published).toEqual(['org-sched@1']);
    expect(errors).toEqual([]);
    expect((await readTreeHeads(ctx.writer, 'org-sched')).length).toBe(1);
  });

  it('signs a fresh head for an unchanged tree once its last head is older than the re-sign interval', async () => {
    const resigning = new TreeHeadPublisher({ pool: ctx.writer, keys, now: () => clock, resignAfterMs: 60_000 });
    const before = await readTreeHeads(ctx.writer, 'org-sched');
    expect((await resigning.publishDue()).map((h) => h.orgId)).not.toContain('org-sched');
    clock = new Date(new Date(before[before.length - 1].timestamp).getTime() + 60_000);
    const due = await resigning.publishDue();
    const fresh = due.find((h) => h.orgId === 'org-sched');
    expect(fresh).toMatchObject({ treeSize: 1, rootHash: before[0].rootHash, timestamp: clock.toISOString() });
    expect(checkTreeHeadSignature(fresh!, keys.publicKeys())).toBeNull();
    expect(await resigning.publishDue()).toEqual([]);
    expect((await readTreeHeads(ctx.writer, 'org-sched')).length).toBe(before.length + 1);
  });

  it("reports the stalest org's head age, which keeps growing when the schedule stops", async () => {
    await appendOne(ctx, 'org-age', 0);
    await ctx.ledger.sequencer.drain();
    const reader = new CollectingReader();
    const startedAt = clock;
    let now = new Date(startedAt.getTime() + 7_000);
    const age = new TreeHeadAge(startedAt, reader.meter(), () => now);
    const ageNow = async () => (await reader.points(TREE_HEAD_AGE_METRIC)).map((p) => p.value);
    // Before the first run: counted from the start of the schedule.
    expect(await ageNow()).toEqual([7]);
    let measured: Date | null | undefined;
    const scheduler = new TreeHeadScheduler(
      {
        publishDue: () => publisher.publishDue(),
        stalestLatestHead: async () => (measured = await publisher.stalestLatestHead()),
      },
      { intervalMs: 10, age },
    );
    scheduler.start();
    const deadline = Date.now() + 5_000;
    while (measured === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await scheduler.stop();
    expect(await readTreeHeads(ctx.writer, 'org-age')).toHaveLength(1);
    expect(measured).toEqual(await publisher.stalestLatestHead());
    expect(measured!.getTime()).toBeLessThanOrEqual(clock.getTime());
    expect(await ageNow()).toEqual([(now.getTime() - measured!.getTime()) / 1000]);
    now = new Date(now.getTime() + 60_000);
    expect(await ageNow()).toEqual([(now.getTime() - measured!.getTime()) / 1000]);
  });

  it('keeps tree heads append-only, even for the superuser', async () => {
    await expect(ctx.admin.query('UPDATE ledger_tree_heads SET tree_size = 0')).rejects.toThrow(/append-only/);
    await expect(ctx.admin.query('DELETE FROM ledger_tree_heads')).rejects.toThrow(/append-only/);
    await expect(ctx.admin.query('TRUNCATE ledger_tree_heads')).rejects.toThrow(/append-only/);
    await expect(ctx.writer.query('DELETE FROM ledger_tree_heads')).rejects.toThrow(/permission denied/);
  });
});
