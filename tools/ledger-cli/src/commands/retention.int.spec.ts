import { randomUUID } from 'node:crypto';
import { PUBLIC_KEYS_VARIABLE, Retention, sweepStream } from '@ledger/ledger';
import { collect, createLedgerTestContext, MovableClock, type LedgerTestContext } from '@ledger/ledger/testing';
import { buildProgram } from '../program';

const ORG = 'org-cli-retention';
const clock = new MovableClock();

/** Runs `ledger …` in process on the moved clock; stdout lines parsed as JSON, and what it threw. */
async function ledger(...args: string[]): Promise<{ lines: Record<string, unknown>[]; error: unknown }> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  let error: unknown = null;
  try {
    await buildProgram({ clock }).parseAsync(['node', 'ledger', ...args]);
  } catch (thrown) {
    error = thrown;
  } finally {
    spy.mockRestore();
  }
  const lines = chunks.join('').trim().split('\n').filter(Boolean);
  return { lines: lines.map((line) => JSON.parse(line) as Record<string, unknown>), error };
}

describe('ledger retention plan and apply', () => {
  let ctx: LedgerTestContext;
  let streams: string[];

  beforeAll(async () => {
    ctx = await createLedgerTestContext({ runSequencer: false });
    streams = Array.from({ length: 5 }, () => `evidence-${randomUUID()}`).sort();
    for (const streamId of streams) {
      await ctx.ledger.append({
        orgId: ORG,
        streamId,
        expectedRevision: 'no_stream',
        events: [{ type: 'Noted', data: {}, personal: { body: 'canary body' }, metadata: { actor: 'advisor-1' } }],
      });
    }
    const retention = new Retention({ pool: ctx.writer, ledger: ctx.ledger, clock });
    await retention.setClass(ORG, {
      category: 'evidence',
      regulation: 'finra-4511',
      actor: 'compliance-1',
      reason: 'books',
    });
    await retention.placeHold(ORG, {
      scope: { kind: 'stream', streamId: streams[0] },
      actor: 'compliance-1',
      reason: 'subpoena',
    });
    await ctx.ledger.sequencer.drain();
    process.env.DATABASE_URL = ctx.database.url;
    process.env[PUBLIC_KEYS_VARIABLE] = '[]';
  });

  afterAll(async () => {
    delete process.env.DATABASE_URL;
    delete process.env[PUBLIC_KEYS_VARIABLE];
    await ctx.close();
  });

  it('plans nothing before retention ends, then the due streams per category, writing nothing', async () => {
    expect((await ledger('retention', 'plan', '--org', ORG, '--json')).lines).toEqual([
      expect.objectContaining({ type: 'plan', orgId: ORG, due: 0, held: 0, categories: [] }),
    ]);
    clock.advanceMonths(73);
    const size = await ctx.ledger.countEvents(ORG);
    const { lines, error } = await ledger('retention', 'plan', '--org', ORG, '--json');
    expect(error).toBeNull();
    expect(lines).toEqual([
      expect.objectContaining({
        type: 'plan',
        due: 4,
        held: 1,
        categories: [{ category: 'evidence', regulation: 'finra-4511', durationMonths: 72, due: 4, held: 1 }],
      }),
    ]);
    expect(await ctx.ledger.countEvents(ORG)).toBe(size);
  });

  it('applies in batches with JSON progress lines, then finds nothing left; ledger verify still passes', async () => {
    const { lines, error } = await ledger(
      'retention',
      'apply',
      '--org',
      ORG,
      '--json',
      '--batch-size',
      '2',
      '--actor',
      'ops-7',
    );
    expect(error).toBeNull();
    const result = lines[lines.length - 1];
    expect(result).toMatchObject({ type: 'result', outcome: 'completed', total: 5, shredded: 4, held: 1 });
    expect(lines.filter((line) => line.type === 'progress').map((line) => line.done)).toEqual(
      expect.arrayContaining([0, 5]),
    );
    const shreds = await collect(ctx.ledger.readStream(ORG, sweepStream(String(result.sweepId))));
    expect(shreds.map((e) => [e.type, e.metadata.actor])).toEqual(Array(4).fill(['RetentionShredded', 'ops-7']));
    const states = await Promise.all(
      streams.map(
        async (s) => (await collect(ctx.ledger.readStream(ORG, s, { personal: 'decrypt' })))[0].personalState,
      ),
    );
    expect(states).toEqual(['present', 'erased', 'erased', 'erased', 'erased']);

    const again = await ledger('retention', 'apply', '--org', ORG, '--json');
    expect(again.lines[again.lines.length - 1]).toMatchObject({ type: 'result', total: 1, shredded: 0, held: 1 });

    await ctx.ledger.sequencer.drain();
    const verified = await ledger('verify', '--org', ORG, '--json');
    expect(verified.error).toBeNull();
    expect(verified.lines[verified.lines.length - 1]).toMatchObject({ type: 'result', ok: true, findings: 0 });
  });

  it('sweeps every org with a class with --all-orgs, and refuses a mistyped org or both flags', async () => {
    const all = await ledger('retention', 'plan', '--all-orgs', '--json');
    expect(all.lines.map((line) => line.orgId)).toEqual([ORG]);
    expect((await ledger('retention', 'apply', '--org', 'org-typo', '--json')).error).toMatchObject({
      code: 'LEDGER_CLI.UNKNOWN_ORG',
    });
    expect((await ledger('retention', 'plan', '--org', ORG, '--all-orgs')).error).toMatchObject({
      code: 'LEDGER_CLI.BAD_ARGUMENT',
    });
    expect((await ledger('retention', 'apply', '--org', ORG, '--batch-size', '0')).error).toMatchObject({
      code: 'LEDGER_CLI.BAD_ARGUMENT',
    });
  });
});
