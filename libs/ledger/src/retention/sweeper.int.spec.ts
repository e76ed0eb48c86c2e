import { randomUUID } from 'node:crypto';
import { leafHashOf } from '../events/canonicalEvent';
import { verifyInclusion, verifyConsistency } from '../merkle/verify';
import { collect, createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';
import { TreeProofs } from '../tree/treeProofs';
import { verifyOrg } from '../verify/verifyOrg';
import { sweepStream } from './complianceEvents';
import { Retention } from './retention';
import { RetentionSweeper, type SweepProgress } from './sweeper';
import { measureRetention } from './retentionMetrics';
import { MovableClock } from './testing/movableClock';

const SECRET = 'canary personal body';

describe('the retention sweeper', () => {
  let ctx: LedgerTestContext;
  let clock: MovableClock;
  let retention: Retention;
  let sweeper: RetentionSweeper;

  beforeAll(async () => {
    ctx = await createLedgerTestContext();
    clock = new MovableClock();
    retention = new Retention({ pool: ctx.writer, ledger: ctx.ledger, clock });
    sweeper = new RetentionSweeper({ pool: ctx.writer, ledger: ctx.ledger, clock });
  });
  afterAll(() => ctx.close());

  async function seed(orgId: string, category: string, count: number): Promise<string[]> {
    const streams = Array.from({ length: count }, () => `${category}-${randomUUID()}`);
    for (const streamId of streams) {
      await ctx.ledger.append({
        orgId,
        streamId,
        expectedRevision: 'no_stream',
        events: [0, 1].map((i) => ({
          type: 'Noted',
          data: { i },
          personal: { body: `${SECRET} ${i}` },
          metadata: { actor: 'advisor-1' },
        })),
      });
    }
    return streams;
  }

  async function personalOf(orgId: string, streamId: string) {
    return (await collect(ctx.ledger.readStream(orgId, streamId, { personal: 'decrypt' }))).map((e) => e.personalState);
  }

  async function classify(orgId: string, category: string) {
    await retention.setClass(orgId, { category, regulation: 'sec-17a-4', actor: 'compliance-1', reason: 'books' });
  }

  it('plans without writing, then applies what it planned: shreds, events, idempotent re-runs', async () => {
    const org = 'org-sweep';
    const evidence = await seed(org, 'evidence', 6);
    const claims = await seed(org, 'claim', 2);
    await classify(org, 'evidence');

    expect((await sweeper.plan(org)).due).toBe(0);
    clock.advanceMonths(73);
    const held = await retention.placeHold(org, {
      scope: { kind: 'stream', streamId: evidence[0] },
      actor: 'compliance-1',
      reason: 'litigation',
    });
    const before = await ctx.ledger.countEvents(org);
    const plan = await sweeper.plan(org);
    expect(plan).toMatchObject({
      orgId: org,
      due: 5,
      held: 1,
      categories: [{ category: 'evidence', regulation: 'sec-17a-4', durationMonths: 72, due: 5, held: 1 }],
    });
    expect(await ctx.ledger.countEvents(org)).toBe(before);
    expect(await personalOf(org, evidence[1])).toEqual(['present', 'present']);

    const progress: SweepProgress[] = [];
    const result = await sweeper.apply(org, { actor: 'ops-1', batchSize: 2, onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ outcome: 'completed', total: 6, done: 6, shredded: 5, held: 1 });
    expect(progress.map((p) => p.done)).toEqual([0, 2, 4, 6]);
    for (const stream of evidence.slice(1)) expect(await personalOf(org, stream)).toEqual(['erased', 'erased']);
    // The hold blocks the shred; categories without a class are never due.
    expect(await personalOf(org, evidence[0])).toEqual(['present', 'present']);
    for (const stream of claims) expect(await personalOf(org, stream)).toEqual(['present', 'present']);

    const shreds = await collect(ctx.ledger.readStream(org, sweepStream(result.sweepId)));
    expect(shreds.map((e) => [e.type, e.metadata.actor, e.data.streamId]).sort()).toEqual(
      evidence
        .slice(1)
        .map((s) => ['RetentionShredded', 'ops-1', s])
        .sort(),
    );
    expect(shreds.every((e) => e.data.regulation === 'sec-17a-4' && e.data.sweepId === result.sweepId)).toBe(true);

    const again = await sweeper.apply(org, { actor: 'ops-1' });
    expect(again).toMatchObject({ outcome: 'completed', total: 1, shredded: 0, held: 1 });
    expect(await collect(ctx.ledger.readStream(org, sweepStream(again.sweepId)))).toEqual([]);

    // Released, the held stream goes at the next run.
    await retention.releaseHold(org, held.holdId, { actor: 'compliance-1', reason: 'settled' });
    expect(await sweeper.apply(org, { actor: 'ops-1' })).toMatchObject({ shredded: 1, held: 0 });
    expect(await personalOf(org, evidence[0])).toEqual(['erased', 'erased']);
    expect((await sweeper.plan(org)).due).toBe(0);
  });

  it('leaves every hash, proof and verification intact after shredding', async () => {
    const org = 'org-sweep-verify';
    const streams = await seed(org, 'evidence', 4);
    await ctx.ledger.sequencer.drain();
    const proofs = new TreeProofs(ctx.writer);
    const sizeBefore = await proofs.treeSize(org);
    const rootBefore = await proofs.rootHash(org);
    await classify(org, 'evidence');
    clock.advanceMonths(73);
    expect((await sweeper.apply(org, { actor: 'ops-1' })).shredded).toBe(4);
    await ctx.ledger.sequencer.drain();

    const report = await verifyOrg({ pool: ctx.writer, orgId: org, publicKeys: [] });
    expect(report).toMatchObject({ ok: true, findings: [] });
    const size = await proofs.treeSize(org);
    const root = await proofs.rootHash(org);
    const consistency = await proofs.consistencyProof(org, sizeBefore, size);
    expect(() => verifyConsistency(sizeBefore, size, consistency.path, rootBefore, root)).not.toThrow();
    const events = await collect(ctx.ledger.readOrg(org, { personal: 'decrypt' }));
    const erased = events.filter((e) => e.streamId === streams[0]);
    expect(erased.map((e) => e.personalState)).toEqual(['erased', 'erased']);
    for (const event of erased) {
      expect(event.canonical).not.toContain(SECRET);
      const proof = await proofs.inclusionProof(org, event.orgSeq, size);
      expect(() => verifyInclusion(leafHashOf(event.canonical), event.orgSeq, size, proof.path, root)).not.toThrow();
    }
  });

  it('honours a hold placed while a sweep runs: the hold waits for the batch in flight, the next batch sees it', async () => {
    const org = 'org-sweep-race';
    const streams = (await seed(org, 'evidence', 2)).sort();
    await classify(org, 'evidence');
    clock.advanceMonths(73);

    let placing: Promise<unknown> | null = null;
    let holdWaited = false;
    const result = await sweeper.apply(org, {
      actor: 'ops-1',
      batchSize: 1,
      hooks: {
        afterLock: async (batch, index) => {
          if (index !== 0) return;
          expect(batch).toEqual([streams[0]]);
          // From another connection, a hold on the stream of the next batch, while this batch
          // holds the org's holds lock.
          placing = retention.placeHold(org, {
            scope: { kind: 'stream', streamId: streams[1] },
            actor: 'compliance-1',
            reason: 'placed mid-sweep',
          });
          holdWaited = await waitForLockWaiter();
        },
        beforeBatch: async (_batch, index) => {
          if (index === 1) await placing;
        },
      },
    });
    expect(holdWaited).toBe(true);
    expect(result).toMatchObject({ total: 2, shredded: 1, held: 1 });
    expect(await personalOf(org, streams[0])).toEqual(['erased', 'erased']);
    expect(await personalOf(org, streams[1])).toEqual(['present', 'present']);
    expect((await retention.coverage(org, streams[1])).heldBy).toHaveLength(1);
  });

  it('refuses a hold-blocked shred even when the hold is placed between planning and the batch', async () => {
    const org = 'org-sweep-late-hold';
    const [stream] = await seed(org, 'evidence', 1);
    await classify(org, 'evidence');
    clock.advanceMonths(73);
    const result = await sweeper.apply(org, {
      actor: 'ops-1',
      hooks: {
        beforeBatch: async () => {
          await retention.placeHold(org, {
            scope: { kind: 'category', category: 'evidence' },
            actor: 'c',
            reason: 'late',
          });
        },
      },
    });
    expect(result).toMatchObject({ total: 1, shredded: 0, held: 1 });
    expect(await personalOf(org, stream)).toEqual(['present', 'present']);
  });

  it('records its runs for the monitor: backlog, failures and the last success', async () => {
    const org = 'org-sweep-status';
    await seed(org, 'brief', 3);
    await retention.setClass(org, { category: 'brief', regulation: 'advisers-204-2', actor: 'c', reason: 'r' });
    // The monitor counts with the database's clock; the classes of the other tests are due on
    // the moved clock only.
    const status = await measureRetention(ctx.admin);
    expect(status.backlog).toBe(0);
    expect(status.failedOrgs).toBe(0);
    const failing = new RetentionSweeper({ pool: ctx.writer, ledger: ctx.ledger, clock });
    await expect(failing.apply(org, { actor: 'ops-1', batchSize: 0 })).rejects.toMatchObject({ field: 'batchSize' });
    clock.advanceMonths(61);
    await expect(
      sweeper.apply(org, {
        actor: 'ops-1',
        hooks: {
          afterLock: () => Promise.reject(new Error('connection lost')),
        },
      }),
    ).rejects.toThrow('connection lost');
    expect((await measureRetention(ctx.admin)).failedOrgs).toBe(1);
    await sweeper.apply(org, { actor: 'ops-1' });
    expect((await measureRetention(ctx.admin)).failedOrgs).toBe(0);
  });

  /** True once a session waits on an advisory lock (the hold placement, blocked by the batch). */
  async function waitForLockWaiter(): Promise<boolean> {
    for (let i = 0; i < 500; i++) {
      const { rows } = await ctx.admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database =
           (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      if (rows[0].n > 0) return true;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return false;
  }
});
