import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ed25519KeyRing, exportSeed, TreeHeadPublisher } from '@ledger/ledger';
import { createLedgerTestContext, type LedgerTestContext } from '@ledger/ledger/testing';
import { writeRunningStack, type RunningStack } from '@ledger/postgres';
import { linesOf, runLedger } from '../testing/runLedger';

/** The pid of a process that has exited: what a stack file left by a killed stack names. */
function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('exit', () => resolve(child.pid!));
  });
}

describe('ledger without DATABASE_URL finds the running local stack', () => {
  let ctx: LedgerTestContext;
  let root: string;
  const entry = Ed25519KeyRing.generate('local-1');

  /** Writes a stack file into `dataDir` as `npm start` does, pointing at the test database. */
  async function stackIn(dataDir: string, pid: number, topology: RunningStack['topology']): Promise<void> {
    await mkdir(dataDir, { recursive: true });
    const signingKeysFile = join(dataDir, 'signing-keys.json');
    const masterKeysFile = join(dataDir, 'master-keys');
    const seed = exportSeed(entry.privateKey);
    await writeFile(
      signingKeysFile,
      JSON.stringify([{ keyId: entry.keyId, d: seed, notBefore: entry.notBefore, notAfter: null }]),
    );
    await writeFile(masterKeysFile, `local:${Buffer.alloc(32, 1).toString('base64')}\n`);
    await writeRunningStack({
      topology,
      databaseUrl: ctx.database.url,
      dataDir,
      pid,
      startedAt: new Date().toISOString(),
      masterKeysFile,
      signingKeysFile,
    });
  }

  beforeAll(async () => {
    ctx = await createLedgerTestContext({ runSequencer: false });
    await ctx.ledger.append({
      orgId: 'org-local',
      streamId: 'audit-1',
      expectedRevision: 'no_stream',
      events: [1, 2].map((i) => ({ type: 'Checked', data: { i }, metadata: { actor: 'user-1' } })),
    });
    await ctx.ledger.sequencer.drain();
    await new TreeHeadPublisher({ pool: ctx.writer, keys: new Ed25519KeyRing([entry]) }).publish('org-local');
    root = await mkdtemp(join(tmpdir(), 'ledger-cli-stack-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await ctx.close();
  });

  it('uses the one running stack, with its keys, and says so on stderr', async () => {
    const cwd = join(root, 'single');
    // This test process stands in for `npm start`: the stack is live while it runs.
    await stackIn(join(cwd, '.data'), process.pid, 'single-node');
    const run = await runLedger(['verify', '--org', 'org-local', '--json'], {}, cwd);
    expect(linesOf(run.stderr)).toEqual([
      'ledger: DATABASE_URL is not set; using the running single-node stack (.data/stack.json)',
    ]);
    expect(run.code).toBe(0);
    // The tree head verifies, so the trusted keys came from the stack's signing-key file.
    expect(JSON.parse(linesOf(run.stdout).pop()!)).toMatchObject({ type: 'result', ok: true, events: 2, treeHeads: 1 });
  });

  it('passes over a stack whose process is gone, and says what writes one', async () => {
    const dataDir = join(root, 'stale');
    await stackIn(dataDir, await deadPid(), 'single-node');
    const run = await runLedger(['projections', 'list'], { LEDGER_DATA_DIR: dataDir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([
      'ledger: LEDGER_CLI.NO_DATABASE: DATABASE_URL is not set and no running local stack was found ' +
        '(`npm start` or `npm run start:multi -- --local` writes one in LEDGER_DATA_DIR)',
    ]);
  });

  it('never picks one of several running stacks', async () => {
    const cwd = join(root, 'both');
    await stackIn(join(cwd, '.data'), process.pid, 'single-node');
    await stackIn(join(cwd, '.data', 'multi-node'), process.pid, 'multi-node');
    const run = await runLedger(['projections', 'list'], {}, cwd);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([
      'ledger: LEDGER_CLI.SEVERAL_STACKS: DATABASE_URL is not set and several local stacks are running: ' +
        'single-node (.data/stack.json), multi-node (.data/multi-node/stack.json); set LEDGER_DATA_DIR to the one to use',
    ]);
  });

  it('leaves the stack alone when DATABASE_URL is set', async () => {
    const cwd = join(root, 'single');
    const run = await runLedger(['projections', 'list'], { DATABASE_URL: 'postgres://127.0.0.1:1/none' }, cwd);
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([expect.stringMatching(/^ledger: ECONNREFUSED: /)]);
  });
});
