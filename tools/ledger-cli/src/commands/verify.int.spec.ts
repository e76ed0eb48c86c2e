import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ed25519KeyRing, PUBLIC_KEYS_VARIABLE, TreeHeadPublisher } from '@ledger/ledger';
import { createLedgerTestContext, replaceInCanonical, tamper, type LedgerTestContext } from '@ledger/ledger/testing';
import { buildProgram } from '../program';

const MAIN = join(__dirname, '..', 'main.ts');
const TSX = join(__dirname, '..', '..', '..', '..', 'node_modules', '.bin', 'tsx');

/** Runs `ledger …` in process and returns its stdout lines parsed as JSON, and what it threw. */
async function ledger(...args: string[]): Promise<{ lines: Record<string, unknown>[]; error: unknown }> {
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
  const lines = chunks.join('').trim().split('\n').filter(Boolean);
  return { lines: lines.map((line) => JSON.parse(line) as Record<string, unknown>), error };
}

describe('ledger verify', () => {
  let ctx: LedgerTestContext;
  const keys = new Ed25519KeyRing([Ed25519KeyRing.generate('k1')]);

  beforeAll(async () => {
    ctx = await createLedgerTestContext({ runSequencer: false });
    for (const orgId of ['org-good', 'org-bad']) {
      for (let i = 0; i < 4; i++) {
        await ctx.ledger.append({
          orgId,
          streamId: 'audit-1',
          expectedRevision: 'any',
          events: [{ type: 'Checked', data: { i }, metadata: { actor: 'user-1' } }],
        });
      }
    }
    await ctx.ledger.sequencer.drain();
    const publisher = new TreeHeadPublisher({ pool: ctx.writer, keys });
    await publisher.publish('org-good');
    await publisher.publish('org-bad');
    await tamper(ctx.admin, (client) => replaceInCanonical(client, 'org-bad', 2, '"i":2', '"i":3'));
    process.env.DATABASE_URL = ctx.database.url;
    process.env[PUBLIC_KEYS_VARIABLE] = JSON.stringify(keys.publicKeys());
  });

  afterAll(async () => {
    delete process.env.DATABASE_URL;
    delete process.env[PUBLIC_KEYS_VARIABLE];
    await ctx.close();
  });

  it('prints a passing result as JSON lines when stdout is not a terminal', async () => {
    const { lines, error } = await ledger('verify', '--org', 'org-good', '--json');
    expect(error).toBeNull();
    expect(lines[lines.length - 1]).toEqual({
      type: 'result',
      orgId: 'org-good',
      ok: true,
      events: 4,
      treeHeads: 1,
      findings: 0,
      truncated: false,
    });
  });

  it('prints each finding with its exact sequence and fails with a stable code', async () => {
    const { lines, error } = await ledger('verify', '--org', 'org-bad', '--json');
    expect(lines.filter((line) => line.type === 'finding')).toEqual([
      { type: 'finding', orgId: 'org-bad', kind: 'modified', orgSeq: 2, reason: 'leaf_hash_mismatch' },
      { type: 'finding', orgId: 'org-bad', kind: 'root_mismatch', treeSize: 4, reason: 'root_mismatch' },
    ]);
    expect(lines[lines.length - 1]).toMatchObject({ type: 'result', ok: false, findings: 2 });
    expect(error).toMatchObject({ code: 'LEDGER.VERIFICATION_FAILED' });
  });

  it('exits non-zero from the real command line', async () => {
    const env = { ...process.env, DATABASE_URL: ctx.database.url };
    const run = (org: string) =>
      promisify(execFile)(TSX, [MAIN, 'verify', '--org', org], { env }).then(
        (out) => ({ code: 0, stdout: out.stdout }),
        (failure: { code: number; stdout: string; stderr: string }) => ({ code: failure.code, stdout: failure.stdout }),
      );
    const [good, bad] = await Promise.all([run('org-good'), run('org-bad')]);
    expect(good.code).toBe(0);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout.trim().split('\n').pop()!)).toMatchObject({ type: 'result', ok: false });
  });
});
