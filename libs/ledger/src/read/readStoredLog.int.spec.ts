import { randomUUID } from 'node:crypto';
import type { SequencedEvent } from '../events/types';
import { createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('readStoredLog', () => {
  let ctx: LedgerTestContext;
  let all: SequencedEvent[];

  beforeAll(async () => {
    ctx = await createLedgerTestContext();
    expect(await ctx.ledger.readStoredLog({ from: 0, limit: 10, categories: ['evidence'] })).toEqual({
      events: [],
      scannedThrough: -1,
      head: -1,
    });
    // Alternating categories and orgs, some with trace context and a personal part.
    for (let n = 0; n < 12; n++) {
      await ctx.ledger.append({
        orgId: n % 3 === 0 ? 'org-a' : 'org-b',
        streamId: `${n % 2 === 0 ? 'evidence' : 'claims'}-${randomUUID()}`,
        expectedRevision: 'no_stream',
        events: [
          {
            type: 'Noted',
            data: { n },
            personal: n % 4 === 0 ? { body: `body ${n}` } : undefined,
            metadata: n % 4 === 0 ? { actor: 'u1', traceparent: TRACEPARENT } : { actor: 'u1' },
          },
        ],
      });
    }
    await ctx.ledger.sequencer.drain();
    all = [];
    for await (const event of ctx.ledger.readAll()) all.push(event);
  });
  afterAll(() => ctx.close());

  it('returns the asked categories of a window of log positions, as stored, in log order', async () => {
    const page = await ctx.ledger.readStoredLog({ from: 2, limit: 6, categories: ['evidence'] });
    const expected = all.filter((e) => e.logSeq >= 2 && e.logSeq < 8 && e.streamId.startsWith('evidence-'));
    expect(expected.length).toBeGreaterThan(0);
    expect(page.events).toEqual(
      expected.map((e) => ({
        logSeq: e.logSeq,
        orgSeq: e.orgSeq,
        orgId: e.orgId,
        streamId: e.streamId,
        eventId: e.eventId,
        type: e.type,
        schemaVersion: e.schemaVersion,
        traceparent: e.metadata.traceparent ?? null,
        canonical: e.canonical,
      })),
    );
    expect(page.events.some((e) => e.traceparent === TRACEPARENT)).toBe(true);
    expect(page.events.some((e) => e.traceparent === null)).toBe(true);
    expect(page).toMatchObject({ scannedThrough: 7, head: 11 });
  });

  it('accounts for a window with none of its categories, and stops at the head', async () => {
    expect(await ctx.ledger.readStoredLog({ from: 0, limit: 12, categories: ['audit'] })).toEqual({
      events: [],
      scannedThrough: 11,
      head: 11,
    });
    const tail = await ctx.ledger.readStoredLog({ from: 10, limit: 100, categories: ['evidence', 'claims'] });
    expect(tail.events.map((e) => e.logSeq)).toEqual([10, 11]);
    expect(tail).toMatchObject({ scannedThrough: 11, head: 11 });
    expect(await ctx.ledger.readStoredLog({ from: 12, limit: 100, categories: ['evidence'] })).toEqual({
      events: [],
      scannedThrough: 11,
      head: 11,
    });
  });

  it('never holds a personal part in clear', async () => {
    const page = await ctx.ledger.readStoredLog({ from: 0, limit: 12, categories: ['evidence', 'claims'] });
    expect(page.events).toHaveLength(12);
    for (const event of page.events) expect(event.canonical).not.toMatch(/body \d/);
  });
});
