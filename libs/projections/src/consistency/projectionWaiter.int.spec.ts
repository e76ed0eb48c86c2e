import { ProjectionRunner } from '../runner/projectionRunner';
import { demoProjection, DEMO_PROJECTION_NAME } from '../examples/demo/demoProjection';
import { demoAccountEvents } from '../examples/demo/demoEvents';
import { createProjectionTestContext, type ProjectionTestContext } from '../testing/projectionTestContext';
import { activeGeneration, ProjectionWaiter } from './projectionWaiter';

describe('ProjectionWaiter', () => {
  let ctx: ProjectionTestContext;
  beforeAll(async () => {
    ctx = await createProjectionTestContext();
  });
  afterAll(() => ctx.close());

  it('answers once the live generation has applied an append, so the next query sees it', async () => {
    const runner = new ProjectionRunner(ctx.pool, [demoProjection], { pollMs: 20 });
    ctx.ledger.sequencer.on('sequenced', () => runner.poke());
    runner.start();
    try {
      const waiter = new ProjectionWaiter(ctx.pool, [DEMO_PROJECTION_NAME]);
      const { positions } = await ctx.ledger.append({
        orgId: 'org-w',
        streamId: 'demo-acc-1',
        expectedRevision: 'no_stream',
        events: demoAccountEvents(1, 3),
      });
      expect(await waiter.waitFor('org-w', positions)).toBe(true);
      const generation = await activeGeneration(ctx.pool, DEMO_PROJECTION_NAME, 'org-w');
      const { rows } = await ctx.pool.query(
        'SELECT movements FROM demo_accounts WHERE org_id = $1 AND generation = $2 AND account_id = $3',
        ['org-w', generation, 'acc-1'],
      );
      expect(rows).toHaveLength(1);
    } finally {
      await runner.stop();
    }
  });

  it('reports false when no runner applies the events before the timeout', async () => {
    const waiter = new ProjectionWaiter(ctx.pool, [DEMO_PROJECTION_NAME], { timeoutMs: 100 });
    const { positions } = await ctx.ledger.append({
      orgId: 'org-idle',
      streamId: 'demo-acc-2',
      expectedRevision: 'no_stream',
      events: demoAccountEvents(2, 1),
    });
    expect(await waiter.waitFor('org-idle', positions)).toBe(false);
    expect(await activeGeneration(ctx.pool, DEMO_PROJECTION_NAME, 'org-idle')).toBe(1);
  });
});
