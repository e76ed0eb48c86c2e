import { randomUUID } from 'node:crypto';
import { collect, countEvents, createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';

const ORG = 'org-idem';
const metadata = { actor: 'producer-1' };

describe('idempotency by event id', () => {
  let ctx: LedgerTestContext;
  beforeAll(async () => {
    ctx = await createLedgerTestContext();
  });
  afterAll(() => ctx.close());

  it('returns the stored positions when the same events are appended again, writing nothing', async () => {
    const streamId = `claim-${randomUUID()}`;
    const events = [
      { eventId: randomUUID(), type: 'ClaimAsserted', data: { n: 1 }, personal: { statement: 'x' }, metadata },
      { eventId: randomUUID(), type: 'ClaimAsserted', data: { n: 2 }, metadata },
    ];
    const first = await ctx.ledger.append({ orgId: ORG, streamId, expectedRevision: 'no_stream', events });
    const before = await countEvents(ctx.admin);
    // A producer retrying after a lost acknowledgement: same ids, same content, new trace context.
    const retried = events.map((e) => ({ ...e, metadata: { ...metadata, correlationId: 'retry' } }));
    const second = await ctx.ledger.append({ orgId: ORG, streamId, expectedRevision: 'no_stream', events: retried });
    expect(second).toEqual({ ...first, alreadyStored: true });
    expect(await countEvents(ctx.admin)).toBe(before);
    expect(await collect(ctx.ledger.readStream(ORG, streamId))).toHaveLength(2);
  });

  it('refuses an event id already stored with other content', async () => {
    const eventId = randomUUID();
    await ctx.ledger.append({
      orgId: ORG,
      streamId: 'claim-one',
      expectedRevision: 'any',
      events: [{ eventId, type: 'T', data: { v: 1 }, metadata }],
    });
    const before = await countEvents(ctx.admin);
    for (const changed of [
      { orgId: ORG, streamId: 'claim-one', data: { v: 2 } },
      { orgId: ORG, streamId: 'claim-other', data: { v: 1 } },
      { orgId: 'org-elsewhere', streamId: 'claim-one', data: { v: 1 } },
    ]) {
      await expect(
        ctx.ledger.append({
          orgId: changed.orgId,
          streamId: changed.streamId,
          expectedRevision: 'any',
          events: [{ eventId, type: 'T', data: changed.data, metadata }],
        }),
      ).rejects.toMatchObject({ code: 'LEDGER.EVENT_ID_CONFLICT', eventIds: [eventId] });
    }
    expect(await countEvents(ctx.admin)).toBe(before);
  });

  it('refuses a batch that is only partly stored already', async () => {
    const stored = randomUUID();
    await ctx.ledger.append({
      orgId: ORG,
      streamId: 'claim-partial',
      expectedRevision: 'any',
      events: [{ eventId: stored, type: 'T', data: {}, metadata }],
    });
    const before = await countEvents(ctx.admin);
    await expect(
      ctx.ledger.append({
        orgId: ORG,
        streamId: 'claim-partial',
        expectedRevision: 'any',
        events: [
          { eventId: stored, type: 'T', data: {}, metadata },
          { eventId: randomUUID(), type: 'T', data: {}, metadata },
        ],
      }),
    ).rejects.toMatchObject({ code: 'LEDGER.EVENT_ID_CONFLICT' });
    expect(await countEvents(ctx.admin)).toBe(before);
  });

  it('writes once when the same append races itself', async () => {
    const streamId = `claim-${randomUUID()}`;
    const events = [{ eventId: randomUUID(), type: 'T', data: { raced: true }, metadata }];
    const results = await Promise.all(
      Array.from({ length: 10 }, () => ctx.ledger.append({ orgId: ORG, streamId, expectedRevision: 'any', events })),
    );
    expect(new Set(results.map((r) => r.positions[0])).size).toBe(1);
    expect(results.filter((r) => !r.alreadyStored)).toHaveLength(1);
    expect(await collect(ctx.ledger.readStream(ORG, streamId))).toHaveLength(1);
  });
});
