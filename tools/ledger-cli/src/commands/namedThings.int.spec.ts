import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBusMigrations } from '@ledger/bus';
import { Ed25519KeyRing, exportSeed, migrate, TreeHeadPublisher } from '@ledger/ledger';
import { createLedgerTestContext, type LedgerTestContext } from '@ledger/ledger/testing';
import { loadProjectionMigrations } from '@ledger/projections';
import { linesOf, runLedger, type LedgerRun } from '../testing/runLedger';
import { knownProjections } from './knownProjections';

/**
 * What an on-call engineer sees when a command names an org, projection or file that is not
 * there: one line on stderr naming it, nothing on stdout, a non-zero exit; never an empty
 * success.
 */
describe('ledger commands check what they name', () => {
  let ctx: LedgerTestContext;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const entry = Ed25519KeyRing.generate('k1');
  const signingKeysFile = () => join(dir, 'signing-keys.json');

  beforeAll(async () => {
    ctx = await createLedgerTestContext({ runSequencer: false });
    await migrate(ctx.database.url, await loadBusMigrations());
    await migrate(ctx.database.url, await loadProjectionMigrations(knownProjections()));
    await ctx.ledger.append({
      orgId: 'org-real',
      streamId: 'audit-1',
      expectedRevision: 'no_stream',
      events: [1, 2, 3].map((i) => ({ type: 'Checked', data: { i }, metadata: { actor: 'user-1' } })),
    });
    await ctx.ledger.sequencer.drain();
    await new TreeHeadPublisher({ pool: ctx.writer, keys: new Ed25519KeyRing([entry]) }).publish('org-real');
    dir = await mkdtemp(join(tmpdir(), 'ledger-cli-named-'));
    // The file `npm start` generates: private seeds, no public keys.
    const generated = [
      { keyId: entry.keyId, d: exportSeed(entry.privateKey), notBefore: entry.notBefore, notAfter: null },
    ];
    await writeFile(signingKeysFile(), JSON.stringify(generated), { mode: 0o600 });
    await writeFile(join(dir, 'broken-keys.json'), '[{"keyId":"k1"}]');
    env = { DATABASE_URL: ctx.database.url };
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await ctx.close();
  });

  /** The run's stderr is exactly one line; returns it. */
  function oneLine(run: LedgerRun): string {
    expect(linesOf(run.stderr)).toHaveLength(1);
    return run.stderr.trim();
  }

  it('refuses an org without events, in one line, for every command that takes --org', async () => {
    const runs = await Promise.all([
      runLedger(['projections', 'status', '--org', 'org-nobody'], env),
      runLedger(['verify', '--org', 'org-nobody', '--keys', signingKeysFile()], env),
      runLedger(['projections', 'rebuild', 'evidence.read_models', '--org', 'org-nobody', '--yes'], env),
      runLedger(['projections', 'resume', 'evidence.read_models', '--org', 'org-nobody'], env),
      runLedger(['projections', 'skip', 'evidence.read_models', '--org', 'org-nobody', '--reason', 'INC-1'], env),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(oneLine(run)).toBe('ledger: LEDGER_CLI.UNKNOWN_ORG: org org-nobody has no events in this ledger');
    }
  });

  it('refuses an org without events for the retention commands too', async () => {
    const runs = await Promise.all([
      runLedger(['retention', 'plan', '--org', 'org-nobody'], env),
      runLedger(['retention', 'apply', '--org', 'org-nobody'], env),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(oneLine(run)).toBe('ledger: LEDGER_CLI.UNKNOWN_ORG: org org-nobody has no events in this ledger');
    }
  });

  it('refuses an unknown projection in one line that lists the known ones', async () => {
    const runs = await Promise.all([
      runLedger(['projections', 'status', '--projection', 'evidence.readmodels'], env),
      runLedger(['projections', 'rebuild', 'evidence.readmodels', '--org', 'org-real', '--yes'], env),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(oneLine(run)).toBe(
        'ledger: PROJECTIONS.UNKNOWN_PROJECTION: no projection named evidence.readmodels ' +
          '(known: audit.trail, claims.graph, evidence.read_models, meeting_prep.sources)',
      );
    }
  });

  it('says a key file does not exist instead of failing later', async () => {
    const missing = join(dir, 'nope.json');
    const run = await runLedger(['verify', '--org', 'org-real', '--keys', missing], env);
    expect(run.code).toBe(2);
    expect(oneLine(run)).toBe(`ledger: LEDGER_CLI.NO_SUCH_FILE: --keys ${missing}: no such file`);
  });

  it('accepts the signing-key file the local stack generates and verifies with its public halves', async () => {
    const run = await runLedger(['verify', '--org', 'org-real', '--keys', signingKeysFile(), '--json'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(linesOf(run.stdout).pop()!)).toMatchObject({ type: 'result', ok: true, events: 3, treeHeads: 1 });
  });

  it('prints an error code once', async () => {
    const run = await runLedger(['verify', '--org', 'org-real', '--keys', join(dir, 'broken-keys.json')], env);
    expect(run.code).toBe(1);
    const line = oneLine(run);
    expect(line.match(/LEDGER_SIGNING\.BAD_CONFIG/g)).toHaveLength(1);
    expect(line).toMatch(/^ledger: LEDGER_SIGNING\.BAD_CONFIG: public key 0 is malformed: expected keyId, /);
  });

  it('prints the error as one JSON line on stderr with --json', async () => {
    const run = await runLedger(['projections', 'status', '--org', 'org-nobody', '--json'], env);
    expect(run.code).toBe(2);
    expect(JSON.parse(oneLine(run))).toEqual({
      type: 'error',
      code: 'LEDGER_CLI.UNKNOWN_ORG',
      message: 'org org-nobody has no events in this ledger',
    });
  });

  it('takes the projection by name as the runbooks write it, and lists only what the services run', async () => {
    const [status, list] = await Promise.all([
      runLedger(['projections', 'status', 'evidence.read_models', '--org', 'org-real', '--json'], env),
      runLedger(['projections', 'list', '--json'], env),
    ]);
    expect(status.code).toBe(0);
    expect(linesOf(status.stdout).map((line) => JSON.parse(line) as { projection: string; orgId: string })).toEqual([
      expect.objectContaining({ projection: 'evidence.read_models', orgId: 'org-real' }),
    ]);
    expect(list.code).toBe(0);
    expect(linesOf(list.stdout).map((line) => (JSON.parse(line) as { projection: string }).projection)).toEqual([
      'audit.trail',
      'claims.graph',
      'evidence.read_models',
      'meeting_prep.sources',
    ]);
  });
});
