import { randomUUID } from 'node:crypto';
import { readErasure, requestErasure } from '@ledger/audit';
import {
  Ed25519KeyRing,
  exportSeed,
  PUBLIC_KEYS_VARIABLE,
  Retention,
  SIGNING_KEYS_VARIABLE,
  sweepStream,
} from '@ledger/ledger';
import { systemContext } from '@ledger/tenancy';
import { collect, createLedgerTestContext, MovableClock, type LedgerTestContext } from '@ledger/ledger/testing';
import { buildProgram } from '../program';

const ORG = 'org-cli-retention';
const clock = new MovableClock();
/** The key the command signs erasure certificates with, as LEDGER_SIGNING_KEYS gives it. */
const entry = Ed25519KeyRing.generate('k-cli');

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
    process.env[SIGNING_KEYS_VARIABLE] = JSON.stringify([
      { keyId: entry.keyId, d: exportSeed(entry.privateKey), notBefore: '1970-01-01T00:00:00Z', notAfter: null },
    ]);
  });

  afterAll(async () => {
    delete process.env.DATABASE_URL;
    delete process.env[PUBLIC_KEYS_VARIABLE];
    delete process.env[SIGNING_KEYS_VARIABLE];
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

  it('sweeps every org with a class with --all-orgs, and refuses a mistyped org, both flags, or apply without signing keys', async () => {
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
    const saved = process.env[SIGNING_KEYS_VARIABLE];
    delete process.env[SIGNING_KEYS_VARIABLE];
    try {
      expect((await ledger('retention', 'apply', '--org', ORG, '--json')).error).toMatchObject({
        code: 'LEDGER_CLI.BAD_ARGUMENT',
        message: expect.stringContaining(SIGNING_KEYS_VARIABLE),
      });
    } finally {
      process.env[SIGNING_KEYS_VARIABLE] = saved;
    }
  });

  it('carries out an erasure refused under retention once the retention has ended, with a certificate', async () => {
    const org = 'org-cli-erasure';
    const append = (streamId: string, type: string, data: Record<string, string>, personal: Record<string, string>) =>
      ctx.ledger.append({
        orgId: org,
        streamId,
        expectedRevision: 'any',
        events: [{ type, data, personal, metadata: { actor: 'advisor-1' } }],
      });
    await append('evidence-d1', 'DocumentIngested', { documentId: 'd1', documentVersionId: 'd1:v1' }, { body: 'mail' });
    await append('entity-e1', 'EntityCreated', { entityId: 'e1', kind: 'Person' }, { label: 'Alice Example' });
    await ctx.ledger.append({
      orgId: org,
      streamId: 'entity-e1',
      expectedRevision: 'any',
      events: [
        {
          type: 'MentionAdded',
          data: {
            entityId: 'e1',
            mentionId: 'm1',
            span: { spanId: 's-d1', documentId: 'd1', documentVersionId: 'd1:v1' },
          },
          metadata: { actor: 'advisor-1' },
        },
      ],
    });
    // Requested today, judged by the real clock: the evidence is kept for its six years.
    const retention = new Retention({ pool: ctx.writer, ledger: ctx.ledger });
    await retention.setClass(org, { category: 'evidence', regulation: 'finra-4511', actor: 'cco-1', reason: 'books' });
    await ctx.ledger.sequencer.drain();
    const keys = new Ed25519KeyRing([Ed25519KeyRing.generate('k1')]);
    const compliance = systemContext({ orgId: org, role: 'compliance', actor: 'cco-1' });
    const deps = { ledger: ctx.ledger, pool: ctx.writer, signingKeys: keys, guard: retention };
    const { requestId } = await requestErasure(deps, compliance, { entityId: 'e1' });
    expect((await readErasure(deps, compliance, requestId)).request.streams).toContainEqual(
      expect.objectContaining({ streamId: 'evidence-d1', decision: 'retain' }),
    );
    await ctx.ledger.sequencer.drain();

    // The moved clock is past the retention: the sweep carries the request out.
    const { lines, error } = await ledger('retention', 'apply', '--org', org, '--json', '--actor', 'ops-7');
    expect(error).toBeNull();
    const erased = lines.filter((line) => line.type === 'erased');
    expect(erased).toEqual([expect.objectContaining({ orgId: org, requestId, streams: ['evidence-d1'] })]);
    const state = await readErasure(deps, compliance, requestId);
    expect(state.carriedOut.map((c) => [c.certificate.keyId, c.certificate.streams.map((s) => s.streamId)])).toEqual([
      ['k1', ['entity-e1']],
      ['k-cli', ['evidence-d1']],
    ]);
    // The sweep shredded the evidence stream just before: the certificate names it with no key left to destroy.
    expect(state.carriedOut[1].certificate.streams).toEqual([
      expect.objectContaining({ streamId: 'evidence-d1', dataKeyId: null }),
    ]);
    const evidence = await collect(ctx.ledger.readStream(org, 'evidence-d1', { personal: 'decrypt' }));
    expect(evidence.map((e) => e.personalState)).toEqual(['erased']);

    const again = await ledger('retention', 'apply', '--org', org, '--json');
    expect(again.lines.filter((line) => line.type === 'erased')).toEqual([]);
  });
});
