import type { ProjectionDefinition } from '../definition/projectionDefinition';
import { demoProjection } from '../examples/demo/demoProjection';
import { ProjectionRunner } from '../runner/projectionRunner';
import { readStates } from '../store/stateStore';
import { createProjectionTestContext, seedDemoOrg, type ProjectionTestContext } from '../testing/projectionTestContext';
import { outdatedOrgs, rebuildOutdated } from './rebuildOutdated';
import { rebuildOrg, type RebuildResult } from './rebuildOrg';

/** Version 2 writes products in upper case: a change the comparison must report. */
const version2: ProjectionDefinition = {
  ...demoProjection,
  version: 2,
  handlers: {
    ...demoProjection.handlers,
    DemoAccountOpened: (event, tx) =>
      demoProjection.handlers.DemoAccountOpened(
        { ...event, data: { ...event.data, product: String(event.data.product).toUpperCase() } },
        tx,
      ),
  },
};

describe('raising the version', () => {
  let context: ProjectionTestContext;

  beforeAll(async () => {
    // No background sequencer: the rebuilds' audit events stay out of the orgs' logs.
    context = await createProjectionTestContext([demoProjection], [], { runSequencer: false });
    for (const orgId of ['org-1', 'org-2', 'org-3']) await seedDemoOrg(context, orgId, 4, 10);
    await new ProjectionRunner(context.pool, [demoProjection]).drain();
  });

  afterAll(() => context.close());

  it('rebuilds every org one by one and reports the differences the change made', async () => {
    const order: string[] = [];
    const live: string[] = [];

    expect(await outdatedOrgs(context, version2)).toEqual(['org-1', 'org-2', 'org-3']);
    const results = await rebuildOutdated(context, version2, {
      actor: 'deployer',
      onProgress: (progress) => order.push(progress.orgId),
      onOrgDone: async (result: RebuildResult) => live.push(`${result.orgId}:${result.outcome}`),
    });

    expect(live).toEqual(['org-1:switched', 'org-2:switched', 'org-3:switched']);
    expect([...new Set(order)]).toEqual(['org-1', 'org-2', 'org-3']);
    for (const result of results) {
      expect(result.comparison?.identical).toBe(false);
      expect(result.comparison?.differences).toEqual([
        { table: 'demo_accounts', liveRows: 4, rebuiltRows: 4, onlyInLive: 4, onlyInRebuilt: 4 },
      ]);
    }
    const states = await readStates(context.pool, version2.name);
    expect(states.map((state) => [state.orgId, state.version, state.activeGeneration])).toEqual([
      ['org-1', 2, 2],
      ['org-2', 2, 2],
      ['org-3', 2, 2],
    ]);
    const { rows } = await context.pool.query('SELECT DISTINCT product FROM demo_accounts ORDER BY product');
    expect(rows).toEqual([{ product: 'GIA' }, { product: 'ISA' }]);
    expect(await outdatedOrgs(context, version2)).toEqual([]);
  });

  it('keeps to a pace cap when given one', async () => {
    const started = Date.now();
    const result = await rebuildOrg(context, version2, 'org-1', {
      actor: 'oncall-1',
      dryRun: true,
      batchSize: 11,
      maxEventsPerSecond: 100,
    });
    // 44 events at 100/s: the build cannot take less than 0.44 s.
    expect(result.eventsApplied).toBe(44);
    expect(Date.now() - started).toBeGreaterThanOrEqual(440);
  });
});
