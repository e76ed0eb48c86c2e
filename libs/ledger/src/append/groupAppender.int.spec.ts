import { randomUUID } from 'node:crypto';
import { createLedgerTestContext, type LedgerTestContext } from '../testing/ledgerTestContext';
import type { AppendRequest } from '../events/types';
import { GroupAppender } from './groupAppender';

describe('GroupAppender', () => {
  let ctx: LedgerTestContext;
  beforeAll(async () => {
    ctx = await createLedgerTestContext();
  });
  afterAll(() => ctx.close());

  const viewed = (n: number) => ({ type: 'EvidenceViewed', data: { n }, metadata: { actor: `u${n}` } });

  it('groups concurrent records of one stream into few appends, each durable when its promise settles', async () => {
    const appends: AppendRequest[] = [];
    const grouper = new GroupAppender(
      (request) => {
        appends.push(request);
        return ctx.ledger.append(request);
      },
      { maxDelayMs: 20, maxGroup: 50 },
    );
    const streamId = `evidenceaccess-${randomUUID()}`;
    await Promise.all(Array.from({ length: 120 }, (_, n) => grouper.record('org-g', streamId, viewed(n))));
    const { rows } = await ctx.admin.query('SELECT count(*)::int AS n FROM ledger_events WHERE stream_id = $1', [
      streamId,
    ]);
    expect(rows[0].n).toBe(120);
    expect(appends.length).toBe(3);
    expect(appends.map((a) => a.events.length)).toEqual([50, 50, 20]);
    await grouper.close();
  });

  it('appends a lone record at once and gathers the records that arrive while it is in flight', async () => {
    const sizes: number[] = [];
    const grouper = new GroupAppender((request) => {
      sizes.push(request.events.length);
      return ctx.ledger.append(request);
    });
    const streamId = `evidenceaccess-${randomUUID()}`;
    const first = grouper.record('org-g', streamId, viewed(0));
    const rest = Array.from({ length: 30 }, (_, n) => grouper.record('org-g', streamId, viewed(n + 1)));
    await Promise.all([first, ...rest]);
    expect(sizes).toEqual([1, 30]);
    await grouper.close();
  });

  it('rejects every caller of a failed group and keeps serving others', async () => {
    const grouper = new GroupAppender((request) => ctx.ledger.append(request));
    const bad = grouper.record('org-g', 'not a stream', viewed(1));
    const good = grouper.record('org-g', `evidenceaccess-${randomUUID()}`, viewed(2));
    await expect(bad).rejects.toMatchObject({ code: 'LEDGER.INVALID_INPUT' });
    await expect(good).resolves.toBeUndefined();
    await grouper.close();
  });
});
