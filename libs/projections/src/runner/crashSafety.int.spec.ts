import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { demoProjection } from '../examples/demo/demoProjection';
import { readCheckpoint } from '../store/stateStore';
import { actualDemoRows, expectedDemoRows, orgEvents } from '../testing/demoReference';
import { createProjectionTestContext, seedDemoOrg, type ProjectionTestContext } from '../testing/projectionTestContext';
import { ProjectionRunner } from './projectionRunner';

const BATCH_SIZE = 64;
const KILL_AT_SEQ = 64 * 5 + 30; // seq 0 opens acc-0; deposits are at seqs where i % 3 != 2

describe('a runner killed mid-batch', () => {
  let context: ProjectionTestContext;

  beforeAll(async () => {
    context = await createProjectionTestContext();
    await seedDemoOrg(context, 'org-crash', 1, 600);
  });

  afterAll(() => context.close());

  it('neither loses nor double-applies an event when it resumes', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'testing', 'runnerChild.ts')], {
      env: {
        ...process.env,
        DATABASE_URL: context.database.url,
        KILL_AT_SEQ: String(KILL_AT_SEQ),
        BATCH_SIZE: String(BATCH_SIZE),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve) =>
      createInterface({ input: child.stdout! }).on('line', (line) => line === 'mid-batch' && resolve()),
    );
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Only whole batches survived: the checkpoint sits at the end of the last committed one,
    // and the rows are exactly those of the events up to it.
    const checkpoint = await readCheckpoint(context.pool, demoProjection.name, 'org-crash', 1);
    expect(checkpoint).toBe(Math.floor(KILL_AT_SEQ / BATCH_SIZE) * BATCH_SIZE - 1);
    expect(await actualDemoRows(context.pool, 'org-crash', 1)).toEqual(
      expectedDemoRows(await orgEvents(context.pool, 'org-crash', checkpoint)),
    );

    await new ProjectionRunner(context.pool, [demoProjection], { batchSize: BATCH_SIZE }).drain();
    expect(await readCheckpoint(context.pool, demoProjection.name, 'org-crash', 1)).toBe(600);
    expect(await actualDemoRows(context.pool, 'org-crash', 1)).toEqual(
      expectedDemoRows(await orgEvents(context.pool, 'org-crash')),
    );
  });
});
