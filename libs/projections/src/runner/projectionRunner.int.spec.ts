import { demoProjection } from '../examples/demo/demoProjection';
import { demoMovements } from '../examples/demo/demoEvents';
import { actualDemoRows, expectedDemoRows, orgEvents } from '../testing/demoReference';
import { createProjectionTestContext, seedDemoOrg, type ProjectionTestContext } from '../testing/projectionTestContext';
import { readStates } from '../store/stateStore';
import { ProjectionRunner } from './projectionRunner';

describe('ProjectionRunner', () => {
  let context: ProjectionTestContext;

  beforeAll(async () => {
    context = await createProjectionTestContext();
    await seedDemoOrg(context, 'org-a', 12, 40);
    await seedDemoOrg(context, 'org-b', 5, 25);
  });

  afterAll(() => context.close());

  it('projects every org to its head, each matching a naive fold of its events', async () => {
    const runner = new ProjectionRunner(context.pool, [demoProjection], { batchSize: 97 });
    const report = await runner.drain();

    expect(report).toEqual({ applied: 12 * 41 + 5 * 26, failedOrgs: [] });
    for (const orgId of ['org-a', 'org-b']) {
      expect(await actualDemoRows(context.pool, orgId, 1)).toEqual(
        expectedDemoRows(await orgEvents(context.pool, orgId)),
      );
    }
  });

  it('applies nothing twice: a second drain finds nothing to do', async () => {
    const runner = new ProjectionRunner(context.pool, [demoProjection]);
    expect(await runner.drain()).toEqual({ applied: 0, failedOrgs: [] });
  });

  it('follows new events while started, and records the version that built each org', async () => {
    const batches: number[] = [];
    // A poll far longer than the test: only the ledger's signal can wake the runner in time.
    const runner = new ProjectionRunner(context.pool, [demoProjection], {
      pollMs: 600_000,
      onBatch: (_projection, orgId, lastSeq) => orgId === 'org-b' && batches.push(lastSeq),
    });
    const poke = () => runner.poke();
    context.ledger.sequencer.on('sequenced', poke);
    runner.start();
    await context.ledger.append(demoMovements('org-b', 2, 30, 25));
    const head = 5 * 26 + 30 - 1;
    const deadline = Date.now() + 15_000;
    while (!batches.includes(head) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await runner.stop();
    context.ledger.sequencer.off('sequenced', poke);

    expect(batches).toContain(head);
    expect(await actualDemoRows(context.pool, 'org-b', 1)).toEqual(
      expectedDemoRows(await orgEvents(context.pool, 'org-b')),
    );
    const states = await readStates(context.pool, demoProjection.name);
    expect(states.map((state) => [state.orgId, state.version, state.status])).toEqual([
      ['org-a', 1, 'running'],
      ['org-b', 1, 'running'],
    ]);
  });
});
