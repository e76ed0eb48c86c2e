import { randomUUID } from 'node:crypto';
import { createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';
import { measureSequencerLag } from './sequencerLag';

describe('measureSequencerLag', () => {
  let ctx: LedgerTestContext;
  beforeAll(async () => {
    ctx = await createLedgerTestContext({ runSequencer: false });
  });
  afterAll(() => ctx.close());

  it('counts committed events a long transaction keeps from being sequenced, and how old the oldest is', async () => {
    expect(await measureSequencerLag(ctx.writer)).toEqual({ events: 0, oldestSeconds: 0 });
    // An open transaction with an id holds the snapshot's xmin back: later commits wait behind it.
    const older = await ctx.writer.connect();
    await older.query('BEGIN');
    await older.query('SELECT pg_current_xact_id()');
    try {
      await ctx.ledger.append({
        orgId: 'org-a',
        streamId: `evidence-${randomUUID()}`,
        expectedRevision: 'no_stream',
        events: [1, 2, 3].map(() => ({ type: 'Noted', data: {}, metadata: { actor: 'u1' } })),
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const stuck = await measureSequencerLag(ctx.writer);
      expect(stuck.events).toBe(3);
      expect(stuck.oldestSeconds).toBeGreaterThanOrEqual(0.3);
    } finally {
      await older.query('COMMIT');
      older.release();
    }
    await ctx.ledger.sequencer.drain();
    expect(await measureSequencerLag(ctx.writer)).toEqual({ events: 0, oldestSeconds: 0 });
  });
});
