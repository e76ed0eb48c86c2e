import { requestErasure, type ErasureDeps } from '@ledger/audit';
import { Ed25519KeyRing, exportSeed, Retention, SIGNING_KEYS_VARIABLE } from '@ledger/ledger';
import { createLedgerTestContext, type LedgerTestContext } from '@ledger/ledger/testing';
import { systemContext } from '@ledger/tenancy';
import { buildProgram } from '../program';

/** Runs `ledger …` in process and returns its stdout lines, and what it threw. */
async function ledger(...args: string[]): Promise<{ lines: string[]; error: unknown }> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  let error: unknown = null;
  try {
    await buildProgram().parseAsync(['node', 'ledger', ...args]);
  } catch (thrown) {
    error = thrown;
  } finally {
    spy.mockRestore();
  }
  return { lines: chunks.join('').trim().split('\n').filter(Boolean), error };
}

const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('ledger erasure', () => {
  let ctx: LedgerTestContext;
  let retention: Retention;
  let requestId: string;
  let holdId: string;
  const keys = new Ed25519KeyRing([Ed25519KeyRing.generate('k1')]);
  /** The key the command is configured with, as LEDGER_SIGNING_KEYS gives it. */
  const entry = Ed25519KeyRing.generate('k-cli');

  beforeAll(async () => {
    ctx = await createLedgerTestContext({ runSequencer: false });
    const append = (streamId: string, type: string, data: Record<string, string>, label: string) =>
      ctx.ledger.append({
        orgId: 'org-e',
        streamId,
        expectedRevision: 'any',
        events: [{ type, data, personal: { label }, metadata: { actor: 'adv-1' } }],
      });
    await append('entity-e1', 'EntityCreated', { entityId: 'e1', kind: 'Person' }, 'Alice Example');
    await append('claim-c1', 'ClaimAsserted', { claimId: 'c1', subjectEntityId: 'e1', predicate: 'holds' }, 'Alice');
    await ctx.ledger.sequencer.drain();
    retention = new Retention({ pool: ctx.writer, ledger: ctx.ledger });
    const hold = await retention.placeHold('org-e', {
      scope: { kind: 'stream', streamId: 'claim-c1' },
      actor: 'cco-1',
      reason: 'matter',
    });
    holdId = hold.holdId;
    const deps: ErasureDeps = { ledger: ctx.ledger, pool: ctx.writer, signingKeys: keys, guard: retention };
    const ctxCompliance = systemContext({ orgId: 'org-e', role: 'compliance', actor: 'cco-1' });
    requestId = (await requestErasure(deps, ctxCompliance, { entityId: 'e1' })).requestId;
    await ctx.ledger.sequencer.drain();
    process.env.DATABASE_URL = ctx.database.url;
    process.env[SIGNING_KEYS_VARIABLE] = JSON.stringify([
      { keyId: entry.keyId, d: exportSeed(entry.privateKey), notBefore: '1970-01-01T00:00:00Z', notAfter: null },
    ]);
  });

  afterAll(async () => {
    delete process.env.DATABASE_URL;
    delete process.env[SIGNING_KEYS_VARIABLE];
    await ctx.close();
  });

  it('apply-due carries out nothing while the hold stands, then the released stream, signed with the configured key', async () => {
    const held = await ledger('erasure', 'apply-due', '--org', 'org-e', '--json');
    expect(held.error).toBeNull();
    expect(parsed(held.lines)).toEqual([
      { type: 'progress', orgs: 1, done: 1 },
      { type: 'result', orgs: 1 },
    ]);

    await retention.releaseHold('org-e', holdId, { actor: 'cco-1', reason: 'closed' });
    const released = await ledger('erasure', 'apply-due', '--all-orgs', '--json');
    expect(released.error).toBeNull();
    const [erased] = parsed(released.lines).filter((line) => line.type === 'erased');
    expect(erased).toMatchObject({ orgId: 'org-e', requestId, streams: ['claim-c1'] });

    const certificates = await ledger('erasure', 'certificates', '--org', 'org-e', '--request', requestId);
    const documents = parsed(certificates.lines);
    expect(
      documents.map((d) => [d.kind, d.keyId, (d.streams as { streamId: string }[]).map((s) => s.streamId)]),
    ).toEqual([
      ['ledger.erasure-certificate', 'k1', ['entity-e1']],
      ['ledger.erasure-certificate', 'k-cli', ['claim-c1']],
    ]);
    const states: string[] = [];
    for await (const event of ctx.ledger.readStream('org-e', 'claim-c1', { personal: 'decrypt' })) {
      states.push(event.personalState);
    }
    expect(states).toEqual(['erased']);
  });

  it('refuses a missing or doubled scope, an unknown org, a malformed request id, and missing signing keys', async () => {
    for (const args of [[], ['--org', 'org-e', '--all-orgs']]) {
      const { error } = await ledger('erasure', 'apply-due', ...args);
      expect(error).toMatchObject({ code: 'LEDGER_CLI.BAD_ARGUMENT', exitCode: 2 });
    }
    expect((await ledger('erasure', 'apply-due', '--org', 'org-nope')).error).toMatchObject({
      code: 'LEDGER_CLI.UNKNOWN_ORG',
    });
    expect((await ledger('erasure', 'certificates', '--org', 'org-e', '--request', 'x')).error).toMatchObject({
      code: 'LEDGER_CLI.BAD_ARGUMENT',
    });
    const saved = process.env[SIGNING_KEYS_VARIABLE];
    delete process.env[SIGNING_KEYS_VARIABLE];
    try {
      expect((await ledger('erasure', 'apply-due', '--org', 'org-e')).error).toMatchObject({
        code: 'LEDGER_CLI.BAD_ARGUMENT',
        message: expect.stringContaining(SIGNING_KEYS_VARIABLE),
      });
    } finally {
      process.env[SIGNING_KEYS_VARIABLE] = saved;
    }
  });
});
