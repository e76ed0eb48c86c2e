import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { demoProjection } from '../examples/demo/demoProjection';
import { ProjectionRunner } from '../runner/projectionRunner';
import { actualDemoRows, expectedDemoRows, orgEvents } from '../testing/demoReference';
import { createProjectionTestContext, seedDemoOrg, type ProjectionTestContext } from '../testing/projectionTestContext';
import { rebuildOrg } from './rebuildOrg';

describe('a rebuild killed mid-batch', () => {
  let context: ProjectionTestContext;
  const generations = async () =>
    (
      await context.pool.query<{ generation: string; last_seq: string }>(
        "SELECT generation, last_seq FROM projection_checkpoints WHERE org_id = 'org-r' ORDER BY generation",
      )
    ).rows.map((row) => [Number(row.generation), Number(row.last_seq)]);

  beforeAll(async () => {
    // No background sequencer: the rebuilds' audit events stay out of the org's log, so
    // sequence numbers are exact.
    context = await createProjectionTestContext([demoProjection], [], { runSequencer: false });
    await seedDemoOrg(context, 'org-r', 3, 100);
    await new ProjectionRunner(context.pool, [demoProjection]).drain();
  });

  afterAll(() => context.close());

  it('leaves the live generation serving, and the next rebuild clears what it left', async () => {
    const liveBefore = await actualDemoRows(context.pool, 'org-r', 1);
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'testing', 'rebuildChild.ts')], {
      env: { ...process.env, DATABASE_URL: context.database.url, KILL_AT_SEQ: '130', ORG_ID: 'org-r' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve) =>
      createInterface({ input: child.stdout! }).on('line', (line) => line === 'mid-rebuild' && resolve()),
    );
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(await generations()).toEqual([
      [1, 302],
      [2, 99],
    ]);
    expect(await actualDemoRows(context.pool, 'org-r', 1)).toEqual(liveBefore);

    const result = await rebuildOrg(context, demoProjection, 'org-r', { actor: 'oncall-1' });
    expect(result).toMatchObject({ outcome: 'switched', generation: 3, previousGeneration: 1 });
    expect(await generations()).toEqual([[3, 302]]);
    expect(await actualDemoRows(context.pool, 'org-r', 3)).toEqual(
      expectedDemoRows(await orgEvents(context.pool, 'org-r', 302)),
    );
    const { rows } = await context.pool.query(
      "SELECT generation, status FROM projection_rebuilds WHERE org_id = 'org-r' ORDER BY generation",
    );
    expect(rows).toEqual([
      { generation: '2', status: 'failed' },
      { generation: '3', status: 'switched' },
    ]);
  });
});
