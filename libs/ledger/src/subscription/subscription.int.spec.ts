import { randomInt, randomUUID } from 'node:crypto';
import type { SequencedEvent } from '../events/types';
import type { Subscription } from './subscription';
import { collect, createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const metadata = { actor: 'writer' };

/** Collects from a subscription until `done` holds or the deadline passes. */
async function consumeUntil(subscription: Subscription, done: (seen: SequencedEvent[]) => boolean, timeoutMs: number) {
  const seen: SequencedEvent[] = [];
  const deadline = setTimeout(() => subscription.close(), timeoutMs);
  for await (const event of subscription) {
    seen.push(event);
    if (done(seen)) break;
  }
  clearTimeout(deadline);
  return seen;
}

function expectDenseInOrder(events: SequencedEvent[], seqOf: (e: SequencedEvent) => number) {
  expect(events.map(seqOf)).toEqual(events.map((_, index) => index));
}

describe('catch-up subscriptions under concurrent writers', () => {
  let ctx: LedgerTestContext;
  beforeAll(async () => {
    ctx = await createLedgerTestContext();
  });
  afterAll(() => ctx.close());

  it('delivers every committed event exactly once, in dense order, while transactions commit late', async () => {
    const orgs = ['org-race-a', 'org-race-b'];
    const committed = new Map<string, Set<string>>(orgs.map((org) => [org, new Set<string>()]));
    const rolledBack = new Set<string>();

    async function writer(id: number) {
      for (let i = 0; i < 25; i++) {
        const org = orgs[randomInt(orgs.length)];
        const events = Array.from({ length: 1 + randomInt(3) }, () => ({
          eventId: randomUUID(),
          type: 'Raced',
          data: { writer: id, i },
          metadata,
        }));
        const client = await ctx.writer.connect();
        try {
          await client.query('BEGIN');
          await ctx.ledger.append(
            { orgId: org, streamId: `claim-w${id}-${randomInt(3)}`, expectedRevision: 'any', events },
            client,
          );
          // Hold the transaction open: later transactions commit first and get sequenced around it.
          await sleep(randomInt(40));
          if (randomInt(10) === 0) {
            await client.query('ROLLBACK');
            events.forEach((e) => rolledBack.add(e.eventId));
          } else {
            await client.query('COMMIT');
            events.forEach((e) => committed.get(org)!.add(e.eventId));
          }
        } finally {
          client.release();
        }
      }
    }

    const perOrg = orgs.map((org) => ctx.ledger.subscribeToOrg(org, { batchSize: 7, pollMs: 200 }));
    const all = ctx.ledger.subscribeToAll({ batchSize: 11, pollMs: 200 });
    const total = () => [...committed.values()].reduce((n, ids) => n + ids.size, 0);
    // Each org gets an end marker once the writers are done; consumers stop on seeing it.
    const isEnd = (e: SequencedEvent) => e.type === 'End';
    const consumers = [
      ...perOrg.map((subscription) => consumeUntil(subscription, (seen) => isEnd(seen[seen.length - 1]), 50_000)),
      consumeUntil(all, (seen) => seen.filter(isEnd).length === orgs.length, 50_000),
    ];
    await Promise.all(Array.from({ length: 12 }, (_, id) => writer(id)));
    for (const org of orgs) {
      await ctx.ledger.append({
        orgId: org,
        streamId: 'audit-end',
        expectedRevision: 'no_stream',
        events: [{ type: 'End', data: {}, metadata }],
      });
    }
    const [orgA, orgB, everything] = (await Promise.all(consumers)).map((events) => events.filter((e) => !isEnd(e)));

    for (const [events, org] of [
      [orgA, orgs[0]],
      [orgB, orgs[1]],
    ] as const) {
      expectDenseInOrder(events, (e) => e.orgSeq);
      expect(events).toHaveLength(committed.get(org)!.size);
      expect(new Set(events.map((e) => e.eventId))).toEqual(committed.get(org));
      expect(events.every((e) => e.orgId === org)).toBe(true);
    }
    expect(everything.map((e) => e.logSeq)).toEqual([...everything.map((e) => e.logSeq)].sort((a, b) => a - b));
    expect(new Set(everything.map((e) => e.logSeq)).size).toBe(everything.length);
    expect(everything.filter((e) => rolledBack.has(e.eventId))).toEqual([]);
    expect(everything).toHaveLength(total());
    // Each stream's events appear in revision order within its org's sequence.
    const lastRevision = new Map<string, number>();
    for (const event of everything) {
      const key = `${event.orgId}/${event.streamId}`;
      expect(event.streamRevision).toBe((lastRevision.get(key) ?? -1) + 1);
      lastRevision.set(key, event.streamRevision);
    }
  });

  it('reads 100,000 events written by 8 writers back with small batches, each exactly once', async () => {
    const org = 'org-cold';
    const perWriter = 12_500;
    await Promise.all(
      Array.from({ length: 8 }, async (_, writerId) => {
        for (let i = 0; i < perWriter; i += 50) {
          const events = Array.from({ length: 50 }, (_, k) => ({
            type: 'Cold',
            data: { writerId, n: i + k },
            metadata,
          }));
          await ctx.ledger.append({ orgId: org, streamId: `claim-cold-${writerId}`, expectedRevision: 'any', events });
        }
      }),
    );
    await ctx.ledger.sequencer.drain();
    const events = await collect(ctx.ledger.readOrg(org, { batchSize: 97 }));
    expect(events).toHaveLength(8 * perWriter);
    expectDenseInOrder(events, (e) => e.orgSeq);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(8 * perWriter);
    expect(new Set(events.map((e) => `${e.data.writerId}:${e.data.n}`)).size).toBe(8 * perWriter);
    expect(await ctx.ledger.orgSize(org)).toBe(8 * perWriter);
  }, 180_000);

  it('resumes from a checkpoint without repeating or skipping', async () => {
    const org = `org-resume-${randomInt(1e6)}`;
    for (let i = 0; i < 30; i++) {
      await ctx.ledger.append({
        orgId: org,
        streamId: 'claim-r',
        expectedRevision: 'any',
        events: [{ type: 'N', data: { i }, metadata }],
      });
    }
    const first = await consumeUntil(
      ctx.ledger.subscribeToOrg(org, { batchSize: 4 }),
      (seen) => seen.length === 12,
      20_000,
    );
    const checkpoint = first[first.length - 1].orgSeq;
    const rest = await consumeUntil(
      ctx.ledger.subscribeToOrg(org, { from: checkpoint + 1, batchSize: 4 }),
      (seen) => seen.length === 18,
      20_000,
    );
    expect([...first, ...rest].map((e) => e.data.i)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('delivers live events appended by another process through LISTEN/NOTIFY', async () => {
    const org = `org-live-${randomInt(1e6)}`;
    // A second ledger on the same database stands in for another process: its sequencer
    // integrates the events, and this ledger's subscriber hears of them by notification.
    const { Ledger } = await import('../ledger');
    const other = new Ledger({ pool: ctx.writer, keyProvider: ctx.keyProvider });
    const listening = new Ledger({
      pool: ctx.writer,
      keyProvider: ctx.keyProvider,
      connectionString: ctx.database.url,
      runSequencer: false,
    });
    try {
      const received = consumeUntil(
        listening.subscribeToOrg(org, { pollMs: 60_000 }),
        (seen) => seen.length === 3,
        20_000,
      );
      await sleep(200);
      const startedAt = Date.now();
      for (let i = 0; i < 3; i++) {
        await other.append({
          orgId: org,
          streamId: 'claim-live',
          expectedRevision: 'any',
          events: [{ type: 'Live', data: { i }, metadata }],
        });
      }
      const events = await received;
      expect(events.map((e) => e.data.i)).toEqual([0, 1, 2]);
      // Far below the 60 s poll: the notification woke the subscriber.
      expect(Date.now() - startedAt).toBeLessThan(10_000);
    } finally {
      await other.close();
      await listening.close();
    }
  });
});
