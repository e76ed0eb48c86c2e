import { randomUUID } from 'node:crypto';
import { createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';

describe('readEvents', () => {
  let ctx: LedgerTestContext;
  beforeAll(async () => {
    ctx = await createLedgerTestContext();
  });
  afterAll(() => ctx.close());

  it('returns one org’s events by id in the order asked, decrypted on request, never another org’s', async () => {
    const [a, b, foreign] = [randomUUID(), randomUUID(), randomUUID()];
    const event = (eventId: string, n: number) => ({
      eventId,
      type: 'DocumentIngested',
      data: { n },
      personal: { body: `body ${n}` },
      metadata: { actor: 'u1' },
    });
    await ctx.ledger.append({
      orgId: 'org-a',
      streamId: `evidence-${randomUUID()}`,
      expectedRevision: 'no_stream',
      events: [event(a, 1), event(b, 2)],
    });
    await ctx.ledger.append({
      orgId: 'org-b',
      streamId: `evidence-${randomUUID()}`,
      expectedRevision: 'no_stream',
      events: [event(foreign, 3)],
    });

    const read = await ctx.ledger.readEvents('org-a', [b, foreign, 'not-a-uuid', a, b], 'decrypt');
    expect(read.map((e) => [e.eventId, e.data.n, e.personal])).toEqual([
      [b, 2, { body: 'body 2' }],
      [a, 1, { body: 'body 1' }],
    ]);
    const [withheld] = await ctx.ledger.readEvents('org-a', [a]);
    expect(withheld).toMatchObject({ personal: null, personalState: 'withheld' });
    expect(await ctx.ledger.readEvents('org-a', [])).toEqual([]);
  });

  it('reads a shredded stream’s events as erased, with everything else intact', async () => {
    const eventId = randomUUID();
    const streamId = `evidence-${randomUUID()}`;
    await ctx.ledger.append({
      orgId: 'org-a',
      streamId,
      expectedRevision: 'no_stream',
      events: [
        { eventId, type: 'DocumentIngested', data: { n: 9 }, personal: { body: 'gone' }, metadata: { actor: 'u1' } },
      ],
    });
    await ctx.ledger.shred('org-a', streamId);
    const [event] = await ctx.ledger.readEvents('org-a', [eventId], 'decrypt');
    expect(event).toMatchObject({ eventId, data: { n: 9 }, personal: null, personalState: 'erased' });
  });
});
