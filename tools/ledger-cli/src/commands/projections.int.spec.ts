import { demoProjection, PROJECTION_AUDIT_STREAM, ProjectionRegistry, ProjectionRunner } from '@ledger/projections';
import { createProjectionTestContext, seedDemoOrg, type ProjectionTestContext } from '@ledger/projections/testing';
import { randomBytes } from 'node:crypto';
import { Ledger, LocalKeyProvider } from '@ledger/ledger';
import { buildProgram } from '../program';
import { knownProjections } from './knownProjections';

/** The services' projections plus the library's example, whose handler can be made to fail. */
const registry = new ProjectionRegistry([...knownProjections().list(), demoProjection]);

/** Runs `ledger …` in process and returns what it printed, one parsed JSON value per line. */
async function ledger(...args: string[]): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await buildProgram({ registry }).parseAsync(['node', 'ledger', ...args]);
  } finally {
    spy.mockRestore();
  }
  return lines
    .join('')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** A master key for the one command that seals what it appends (a skip's reason). */
const MASTER_KEYS = `cli:${randomBytes(32).toString('base64')}`;

describe('ledger projections', () => {
  let context: ProjectionTestContext;

  beforeAll(async () => {
    // No background sequencer: the commands' own audit events stay out of the org's log, so
    // event counts are exact.
    context = await createProjectionTestContext([demoProjection], [], { runSequencer: false });
    process.env.DATABASE_URL = context.database.url;
    await seedDemoOrg(context, 'org-a', 5, 20);
    await context.ledger.append({
      orgId: 'org-c',
      streamId: 'demo-acc-9',
      expectedRevision: 'no_stream',
      events: [
        { type: 'DemoAccountOpened', data: { accountId: 'acc-9', product: 'isa' }, metadata: { actor: 'u-1' } },
        {
          type: 'DemoFundsDeposited',
          data: { accountId: 'acc-9', amount: 'lots', day: '2026-01-01' },
          metadata: { actor: 'u-1' },
        },
        {
          type: 'DemoFundsDeposited',
          data: { accountId: 'acc-9', amount: 5, day: '2026-01-01' },
          metadata: { actor: 'u-1' },
        },
      ],
    });
    await context.ledger.sequencer.drain();
    await new ProjectionRunner(context.pool, [demoProjection]).drain();
  });

  afterAll(async () => {
    delete process.env.DATABASE_URL;
    delete process.env.LEDGER_MASTER_KEYS;
    await context.close();
  });

  it('migrate creates every service’s tables from their declarations, and applies each migration once', async () => {
    const tables = knownProjections()
      .list()
      .flatMap((definition) => definition.tables.map((table) => table.name));
    const existing = async () =>
      (
        await context.pool.query<{ name: string }>(
          'SELECT tablename AS name FROM pg_tables WHERE tablename = ANY($1)',
          [tables],
        )
      ).rows.length;
    expect(await existing()).toBe(0);
    const [first] = await ledger('migrate', '--json');
    expect(await existing()).toBe(tables.length);
    expect(first.alreadyApplied).toEqual(expect.arrayContaining(['projections:001_projections']));
    const [second] = await ledger('migrate', '--json');
    expect(second.applied).toEqual([]);
  });

  it('list names the known projections and how their orgs stand', async () => {
    const listed = await ledger('projections', 'list');
    expect(listed.map((entry) => entry.projection)).toEqual(
      expect.arrayContaining(['evidence.read_models', 'claims.graph', 'audit.trail', 'demo.accounts']),
    );
    expect(listed.filter((entry) => entry.projection === 'demo.accounts')).toEqual([
      {
        projection: 'demo.accounts',
        version: 1,
        tables: ['demo_accounts', 'demo_daily_flows', 'demo_org_totals'],
        orgs: { running: 1, failed: 1, new: 0 },
        outdatedOrgs: 0,
      },
    ]);
  });

  it('rebuild prints progress and a result as JSON lines and audits the actor', async () => {
    const lines = await ledger(
      'projections',
      'rebuild',
      '--projection',
      'demo.accounts',
      '--org',
      'org-a',
      '--actor',
      'oncall-9',
      '--batch-size',
      '20',
    );

    const progress = lines.filter((line) => line.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(Object.keys(progress[0]).sort()).toEqual(
      ['type', 'projection', 'orgId', 'generation', 'phase', 'done', 'total', 'eventsPerSecond', 'etaSeconds'].sort(),
    );
    const result = lines[lines.length - 1];
    expect(result).toMatchObject({
      type: 'result',
      outcome: 'switched',
      orgId: 'org-a',
      generation: 2,
      eventsApplied: 105,
    });
    expect(result.comparison).toMatchObject({ identical: true, comparable: true });
    const audit = [];
    for await (const event of context.ledger.readStream('org-a', PROJECTION_AUDIT_STREAM)) audit.push(event);
    expect(audit.map((event) => `${event.type} by ${event.metadata.actor}`)).toEqual([
      'ProjectionRebuildStarted by oncall-9',
      'ProjectionRebuildFinished by oncall-9',
    ]);
  });

  it('status shows the failed org with its failing event and no payload', async () => {
    const [status] = await ledger('projections', 'status', '--projection', 'demo.accounts', '--org', 'org-c', '--json');
    expect(status).toMatchObject({ orgId: 'org-c', status: 'failed', checkpoint: 0, head: 2 });
    expect(status.failure).toMatchObject({ seq: 1, eventType: 'DemoFundsDeposited', error: 'TypeError' });
    expect(JSON.stringify(status)).not.toContain('lots');
  });

  it('skip needs a reason and the master keys; with both it skips the event and records who and why', async () => {
    await expect(
      ledger('projections', 'skip', '--projection', 'demo.accounts', '--org', 'org-c'),
    ).rejects.toMatchObject({
      code: 'commander.missingMandatoryOptionValue',
    });
    const skip = ['projections', 'skip', '--projection', 'demo.accounts', '--org', 'org-c', '--seq', '1'];
    await expect(ledger(...skip, '--reason', 'INC-7 bad amount', '--actor', 'oncall-9')).rejects.toThrow(
      'LEDGER_MASTER_KEYS is needed',
    );
    process.env.LEDGER_MASTER_KEYS = MASTER_KEYS;
    const [skipped] = await ledger(
      'projections',
      'skip',
      '--projection',
      'demo.accounts',
      '--org',
      'org-c',
      '--seq',
      '1',
      '--reason',
      'INC-7 bad amount',
      '--actor',
      'oncall-9',
    );
    expect(skipped).toMatchObject({ type: 'skipped', skippedSeq: 1 });
    const audit = [];
    const reader = new Ledger({
      pool: context.pool,
      keyProvider: LocalKeyProvider.fromEnv(MASTER_KEYS),
      runSequencer: false,
    });
    for await (const event of reader.readStream('org-c', PROJECTION_AUDIT_STREAM, { personal: 'decrypt' }))
      audit.push(event);
    await reader.close();
    // The reason is sealed: in clear only to a reader holding the keys.
    expect(
      audit.map((event) => [event.type, event.metadata.actor, event.personal?.reason, 'reason' in event.data]),
    ).toEqual([['ProjectionSkipped', 'oncall-9', 'INC-7 bad amount', false]]);
  });

  it('rebuild refuses a bad batch size and an unknown projection before touching anything', async () => {
    await expect(
      ledger('projections', 'rebuild', '--projection', 'demo.accounts', '--org', 'org-a', '--batch-size', '0'),
    ).rejects.toThrow('--batch-size must be a positive integer');
    await expect(ledger('projections', 'rebuild', '--projection', 'nope', '--org', 'org-a')).rejects.toMatchObject({
      code: 'PROJECTIONS.UNKNOWN_PROJECTION',
    });
  });

  it('resume refuses an org that is not failed, with a stable code', async () => {
    await expect(
      ledger('projections', 'resume', '--projection', 'demo.accounts', '--org', 'org-a', '--actor', 'oncall-9'),
    ).rejects.toMatchObject({ code: 'PROJECTIONS.NOT_FAILED' });
  });

  it('a dry run reports the comparison and leaves the active generation alone', async () => {
    const lines = await ledger(
      'projections',
      'rebuild',
      '--projection',
      'demo.accounts',
      '--org',
      'org-a',
      '--dry-run',
      '--actor',
      'oncall-9',
    );
    expect(lines[lines.length - 1]).toMatchObject({
      type: 'result',
      outcome: 'compared',
      comparison: { identical: true },
    });
    const [status] = await ledger('projections', 'status', '--projection', 'demo.accounts', '--org', 'org-a');
    expect(status).toMatchObject({ activeGeneration: 2, status: 'running' });
  });
});
