import { createLedgerTestContext } from '../testing/ledgerTestContext';
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
