import { event, freshOrg, freshStream } from '../testing/conformance/harness';
import { createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';
import { eventStoreConformance } from '../testing/eventStoreConformance';

eventStoreConformance('Ledger on PostgreSQL', async () => {
  const ctx = await createLedgerTestContext();
  return {
    store: ctx.ledger,
    sequenced: async () => {
      await ctx.ledger.sequencer.drain();
    },
    close: () => ctx.close(),
  };
});

describe('Ledger on PostgreSQL, where it differs from the in-memory store', () => {
  let ctx: LedgerTestContext;
  beforeAll(async () => {
    ctx = await createLedgerTestContext();
  });
  afterAll(() => ctx.close());

  it('counts an event in the org once the sequencer has taken it in, at the position the append returned', async () => {
    const orgId = freshOrg();
    const { positions } = await ctx.ledger.append({
      orgId,
      streamId: freshStream(),
      expectedRevision: 'no_stream',
      events: [event('Noted')],
    });
    await ctx.ledger.sequencer.drain();
    expect(await ctx.ledger.orgSize(orgId)).toBe(1);
    expect(await ctx.ledger.lastSequencedPosition(orgId)).toBe(positions[0]);
  });
});
