import type { ProjectionDefinition } from '../definition/projectionDefinition';
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

  it('says a projection stopped on a failure is behind at once, and one that lags once the timeout passed', async () => {
    const failing: ProjectionDefinition = {
      ...demoProjection,
      name: 'demo.failing',
      handlers: {
        ...demoProjection.handlers,
        DemoAccountOpened: () => {
          throw new TypeError('fails on purpose');
        },
      },
    };
    const runner = new ProjectionRunner(ctx.pool, [failing], { pollMs: 20 });
    ctx.ledger.sequencer.on('sequenced', () => runner.poke());
    runner.start();
    try {
      const { positions } = await ctx.ledger.append({
        orgId: 'org-f',
        streamId: 'demo-acc-3',
        expectedRevision: 'no_stream',
        events: demoAccountEvents(3, 1),
      });
      const timeoutMs = 30_000;
      const started = Date.now();
      const waiter = new ProjectionWaiter(ctx.pool, ['demo.failing', DEMO_PROJECTION_NAME], { timeoutMs: 300 });
      const state = await new ProjectionWaiter(ctx.pool, ['demo.failing'], { timeoutMs }).settle('org-f', positions);
      expect(state).toEqual({ behind: [{ projection: 'demo.failing', reason: 'failed' }], timedOut: false });
      expect(Date.now() - started).toBeLessThan(timeoutMs);
      // No runner applies the demo projection here: it lags, and the wait ends at its timeout.
      expect(await waiter.settle('org-f', positions)).toEqual({
        behind: [
          { projection: 'demo.failing', reason: 'failed' },
          { projection: DEMO_PROJECTION_NAME, reason: 'lagging' },
        ],
        timedOut: true,
      });
      expect(await waiter.waitFor('org-f', positions)).toBe(false);
    } finally {
      await runner.stop();
    }
  });
});
