import { randomUUID } from 'node:crypto';
import { collect, createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';

describe('sequencer.drain', () => {
  let ctx: LedgerTestContext;
  beforeAll(async () => {
    ctx = await createLedgerTestContext({ runSequencer: false });
  });
  afterAll(() => ctx.close());

  it('returns only once every event committed before it is sequenced, waiting out an older open transaction', async () => {
    // An open transaction with a transaction id holds the snapshot's xmin back, so the event
    // appended after it cannot be sequenced yet (it could still be preceded by that transaction's rows).
    const older = await ctx.writer.connect();
    await older.query('BEGIN');
    await older.query('SELECT pg_current_xact_id()');
    const streamId = `evidence-${randomUUID()}`;
    const [position] = (
      await ctx.ledger.append({
        orgId: 'org-a',
        streamId,
        expectedRevision: 'no_stream',
        events: [{ type: 'Noted', data: {}, metadata: { actor: 'u1' } }],
      })
    ).positions;

    let olderEnded = false;
    const drained = ctx.ledger.sequencer.drain().then((count) => ({ count, olderEnded }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    olderEnded = true;
    await older.query('COMMIT');
    older.release();

    expect(await drained).toEqual({ count: 1, olderEnded: true });
    const [sequenced] = await collect(ctx.ledger.readOrg('org-a'));
    expect([sequenced.position, sequenced.streamId]).toEqual([position, streamId]);
  });
});
