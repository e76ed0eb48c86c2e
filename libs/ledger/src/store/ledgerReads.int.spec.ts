import { orgReadCases } from '../testing/conformance/orgReadCases';
import { readCases } from '../testing/conformance/readCases';
import type { EventStoreHarness } from '../testing/conformance/harness';
import { createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';
import type { EventStore } from './eventStore';
import { ledgerReads } from './ledgerReads';

/** The Ledger with its key-free reads answered by `ledgerReads` instead: the same cases must hold. */
function withLedgerReads(ctx: LedgerTestContext): EventStore {
  const reads = ledgerReads(ctx.writer);
  return new Proxy(ctx.ledger, {
    get: (target, key, receiver) => (key in reads ? Reflect.get(reads, key) : Reflect.get(target, key, receiver)),
  });
}

describe('ledgerReads over a pool', () => {
  let harness: EventStoreHarness | undefined;
  const current = (): EventStoreHarness => {
    if (harness === undefined) throw new Error('the store was not created');
    return harness;
  };
  beforeAll(async () => {
    const ctx = await createLedgerTestContext();
    harness = {
      store: withLedgerReads(ctx),
      sequenced: async () => {
        await ctx.ledger.sequencer.drain();
      },
      close: () => ctx.close(),
    };
  });
  afterAll(async () => {
    await harness?.close();
  });

  describe('reads', () => readCases(current));
  describe('org reads', () => orgReadCases(current));

  it('refuses to decrypt, having no keys', async () => {
    await expect(current().store.readOrgRange('org-a', { after: -1, limit: 1, personal: 'decrypt' })).rejects.toThrow(
      /withholds personal parts/,
    );
  });
});
