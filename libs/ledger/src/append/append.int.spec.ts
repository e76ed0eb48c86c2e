import { randomUUID } from 'node:crypto';
import { VersionConflictError } from '../errors/ledgerError';
import type { NewEvent } from '../events/types';
import { collect, countEvents, createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';

const ORG = 'org-append';
const actor = { actor: 'user-1' };
const event = (n: number): NewEvent => ({ type: 'Counted', data: { n }, metadata: actor });

describe('append', () => {
  let ctx: LedgerTestContext;
  beforeAll(async () => {
    ctx = await createLedgerTestContext();
  });
  afterAll(() => ctx.close());

  it('appends a batch atomically with consecutive revisions and reads it both ways', async () => {
    const result = await ctx.ledger.append({
      orgId: ORG,
      streamId: 'claim-batch',
      expectedRevision: 'no_stream',
      events: [event(0), event(1), event(2)],
    });
    expect(result.lastRevision).toBe(2);
    expect(result.positions).toHaveLength(3);
    expect(result.positions[0]).toBeLessThan(result.positions[2]);

    const forward = await collect(ctx.ledger.readStream(ORG, 'claim-batch', { batchSize: 2 }));
    expect(forward.map((e) => [e.streamRevision, e.data.n])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    const backward = await collect(ctx.ledger.readStream(ORG, 'claim-batch', { direction: 'backward', batchSize: 2 }));
    expect(backward.map((e) => e.streamRevision)).toEqual([2, 1, 0]);
    const fromOne = await collect(ctx.ledger.readStream(ORG, 'claim-batch', { fromRevision: 1 }));
    expect(fromOne.map((e) => e.streamRevision)).toEqual([1, 2]);
  });

  it('stores every column DESIGN.md lists, with the leaf hash over the stored canonical text', async () => {
    const metadata = {
      actor: 'user-7',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    };
    const eventId = randomUUID();
    await ctx.ledger.append({
      orgId: ORG,
      streamId: 'evidence-cols',
      expectedRevision: 'any',
      events: [{ eventId, type: 'SpanPinned', schemaVersion: 3, data: { a: 1 }, metadata }],
    });
    const { rows } = await ctx.admin.query(
      `SELECT org_id, stream_id, stream_revision, event_id, type, schema_version, actor, recorded_at, canonical,
              encode(leaf_hash, 'hex') AS leaf, encode(sha256('\\x00'::bytea || convert_to(canonical, 'UTF8')), 'hex') AS recomputed
         FROM ledger_events WHERE event_id = $1`,
      [eventId],
    );
    expect(rows[0]).toMatchObject({
      org_id: ORG,
      stream_id: 'evidence-cols',
      stream_revision: '0',
      type: 'SpanPinned',
      schema_version: 3,
      actor: 'user-7',
    });
    expect(rows[0].leaf).toBe(rows[0].recomputed);
    expect(JSON.parse(rows[0].canonical)).toMatchObject({ eventId, metadata, data: { a: 1 }, streamRevision: 0, v: 1 });
    const [read] = await collect(ctx.ledger.readStream(ORG, 'evidence-cols'));
    expect(read).toMatchObject({ eventId, type: 'SpanPinned', schemaVersion: 3, metadata, leafHash: rows[0].leaf });
  });

  it.each([
    ['no_stream on an existing stream', 'no_stream' as const, 0],
    ['an exact revision that is behind', 0, 1],
    ['an exact revision that is ahead', 5, 1],
  ])('refuses %s with a conflict naming stream, expected and actual', async (_name, expectedRevision, setup) => {
    const streamId = `claim-${randomUUID()}`;
    await ctx.ledger.append({
      orgId: ORG,
      streamId,
      expectedRevision: 'any',
      events: Array.from({ length: setup + 1 }, (_, i) => event(i)),
    });
    const before = await countEvents(ctx.admin);
    const error = await ctx.ledger
      .append({ orgId: ORG, streamId, expectedRevision, events: [event(9)] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({
      code: 'LEDGER.VERSION_CONFLICT',
      streamId,
      expected: expectedRevision,
      actual: setup,
    });
    expect(await countEvents(ctx.admin)).toBe(before);
  });

  it('refuses stream_exists on a missing stream and accepts it on an existing one', async () => {
    const streamId = `claim-${randomUUID()}`;
    await expect(
      ctx.ledger.append({ orgId: ORG, streamId, expectedRevision: 'stream_exists', events: [event(0)] }),
    ).rejects.toMatchObject({
      code: 'LEDGER.VERSION_CONFLICT',
      expected: 'stream_exists',
      actual: -1,
    });
    await ctx.ledger.append({ orgId: ORG, streamId, expectedRevision: 'no_stream', events: [event(0)] });
    const result = await ctx.ledger.append({
      orgId: ORG,
      streamId,
      expectedRevision: 'stream_exists',
      events: [event(1)],
    });
    expect(result.lastRevision).toBe(1);
  });

  it('lets exactly one of 24 racing writers with the same expected revision win', async () => {
    const streamId = `claim-${randomUUID()}`;
    await ctx.ledger.append({ orgId: ORG, streamId, expectedRevision: 'no_stream', events: [event(0)] });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) =>
        ctx.ledger.append({ orgId: ORG, streamId, expectedRevision: 0, events: [event(100 + i)] }),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(23);
    for (const loss of lost)
      expect(loss.reason).toMatchObject({ code: 'LEDGER.VERSION_CONFLICT', expected: 0, actual: 1 });
    expect((await collect(ctx.ledger.readStream(ORG, streamId))).map((e) => e.streamRevision)).toEqual([0, 1]);
  });

  it('serialises racing writers with expected revision any into one gapless stream', async () => {
    const streamId = `claim-${randomUUID()}`;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.ledger.append({ orgId: ORG, streamId, expectedRevision: 'any', events: [event(i)] }),
      ),
    );
    const revisions = (await collect(ctx.ledger.readStream(ORG, streamId))).map((e) => e.streamRevision);
    expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('keeps streams of different orgs apart even under the same stream id', async () => {
    await ctx.ledger.append({
      orgId: 'org-a',
      streamId: 'claim-shared',
      expectedRevision: 'no_stream',
      events: [event(1)],
    });
    await ctx.ledger.append({
      orgId: 'org-b',
      streamId: 'claim-shared',
      expectedRevision: 'no_stream',
      events: [event(2)],
    });
    const a = await collect(ctx.ledger.readStream('org-a', 'claim-shared'));
    const b = await collect(ctx.ledger.readStream('org-b', 'claim-shared'));
    expect(a.map((e) => [e.orgId, e.data.n])).toEqual([['org-a', 1]]);
    expect(b.map((e) => [e.orgId, e.data.n])).toEqual([['org-b', 2]]);
  });

  it('joins a caller transaction and disappears with its rollback', async () => {
    const streamId = `claim-${randomUUID()}`;
    const client = await ctx.writer.connect();
    try {
      await client.query('BEGIN');
      await ctx.ledger.append({ orgId: ORG, streamId, expectedRevision: 'no_stream', events: [event(1)] }, client);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await collect(ctx.ledger.readStream(ORG, streamId))).toEqual([]);
    const result = await ctx.ledger.append({ orgId: ORG, streamId, expectedRevision: 'any', events: [event(2)] });
    expect(result.lastRevision).toBe(0);
  });

  it("refuses an append that is not its transaction's first write", async () => {
    const client = await ctx.admin.connect();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TEMP TABLE scratch (n int) ON COMMIT DROP; INSERT INTO scratch VALUES (1)');
      await expect(
        ctx.ledger.append(
          { orgId: ORG, streamId: 'claim-late-write', expectedRevision: 'any', events: [event(1)] },
          client,
        ),
      ).rejects.toMatchObject({ code: 'LEDGER.INVALID_INPUT', field: 'client' });
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await collect(ctx.ledger.readStream(ORG, 'claim-late-write'))).toEqual([]);
  });
});
