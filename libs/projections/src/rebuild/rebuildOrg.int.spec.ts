import { installRecordingTracer, type RecordingTracer } from '@ledger/observability/testing';
import type { ProjectionDefinition } from '../definition/projectionDefinition';
import { demoProjection } from '../examples/demo/demoProjection';
import { demoMovements } from '../examples/demo/demoEvents';
import { PROJECTION_AUDIT_STREAM } from '../audit/projectionAudit';
import { ProjectionRunner } from '../runner/projectionRunner';
import { readStates } from '../store/stateStore';
import { actualDemoRows, expectedDemoRows, orgEvents } from '../testing/demoReference';
import {
  createProjectionTestContext,
  seedDemoOrg,
  snapshotOrg,
  type ProjectionTestContext,
} from '../testing/projectionTestContext';
import { ProjectionMetrics } from '../metrics/projectionMetrics';
import { RecordingMeter } from '../testing/recordingMeter';
import { rebuildOrg } from './rebuildOrg';

/** Appends of five events made while the first rebuild runs. */
const BACKGROUND_APPENDS = 100;

/** The demo projection whose handler for one event waits for `gate`: a rebuild cannot outrun it. */
function gated(gate: () => Promise<void> | null): ProjectionDefinition {
  const deposit = demoProjection.handlers.DemoFundsDeposited;
  return {
    ...demoProjection,
    handlers: {
      ...demoProjection.handlers,
      DemoFundsDeposited: async (event, tx) => {
        const wait = event.orgSeq === 120 ? gate() : null;
        if (wait) await wait;
        return deposit(event, tx);
      },
    },
  };
}

describe('rebuildOrg', () => {
  let context: ProjectionTestContext;
  // The real SDK's tracer and context manager: the rebuild's span is open while the live
  // runner, the appends and the gate below run, as in a process that exports traces.
  let tracer: RecordingTracer;
  const activeGeneration = async (orgId: string) =>
    (await readStates(context.pool, demoProjection.name, orgId))[0].activeGeneration;

  beforeAll(async () => {
    tracer = installRecordingTracer();
    context = await createProjectionTestContext();
    await seedDemoOrg(context, 'org-a', 20, 60);
    await seedDemoOrg(context, 'org-b', 6, 30);
    await new ProjectionRunner(context.pool, [demoProjection]).drain();
  });

  afterAll(async () => {
    await context.close();
    await tracer.uninstall();
  });

  it('builds a new generation while events keep arriving, switches, and leaves other orgs byte-identical', async () => {
    const otherBefore = await snapshotOrg(context.pool, demoProjection, 'org-b');
    const seeded = await context.ledger.orgSize('org-a');
    let gate: Promise<void> | null = null;
    let appending = true;
    // Bounded: a rebuild ends when a batch comes back short, so against an appender that never
    // stops it finishes only if it outruns it, and a slower rebuild (a loaded machine, more work
    // per batch) would chase the head until the suite timed out.
    const background = (async () => {
      for (let i = 0; appending && i < BACKGROUND_APPENDS; i++) {
        await context.ledger.append(demoMovements('org-a', i % 20, 5, 1000 + i * 5));
      }
    })();
    const definition = gated(() => gate);
    const live = new ProjectionRunner(context.pool, [definition], { pollMs: 10 });
    live.start();

    const result = await rebuildOrg(context, definition, 'org-a', {
      actor: 'oncall-7',
      batchSize: 50,
      onProgress: () => {
        gate ??= (async () => {
          await context.ledger.append(demoMovements('org-a', 3, 40, 5000));
          await context.ledger.sequencer.drain();
        })();
      },
    });
    appending = false;
    await background;
    await context.ledger.sequencer.drain();
    await live.stop();
    await new ProjectionRunner(context.pool, [demoProjection]).drain();

    expect(result).toMatchObject({ outcome: 'switched', generation: 2, previousGeneration: 1 });
    expect(result.comparison).toMatchObject({ identical: true, comparable: true, differences: [] });
    expect(result.eventsApplied).toBeGreaterThanOrEqual(seeded + 40);
    expect(await activeGeneration('org-a')).toBe(2);
    const events = await orgEvents(context.pool, 'org-a');
    expect(await actualDemoRows(context.pool, 'org-a', 2)).toEqual(expectedDemoRows(events));
    expect(await actualDemoRows(context.pool, 'org-a', 1)).toEqual({ accounts: [], flows: [], totals: [] });
    expect(await snapshotOrg(context.pool, demoProjection, 'org-b')).toBe(otherBefore);
    const audit = [];
    for await (const event of context.ledger.readStream('org-a', PROJECTION_AUDIT_STREAM)) audit.push(event);
    expect(audit.map((event) => [event.type, event.metadata.actor, event.data.outcome ?? null])).toEqual([
      ['ProjectionRebuildStarted', 'oncall-7', null],
      ['ProjectionRebuildFinished', 'oncall-7', 'switched'],
    ]);
  });

  it('can be cancelled, leaving the live generation exactly as it was; a second rebuild meanwhile is refused', async () => {
    const before = await snapshotOrg(context.pool, demoProjection, 'org-a');
    const controller = new AbortController();
    let second: Promise<unknown> | null = null;

    const result = await rebuildOrg(context, demoProjection, 'org-a', {
      actor: 'oncall-7',
      batchSize: 100,
      signal: controller.signal,
      onProgress: () => {
        second ??= rebuildOrg(context, demoProjection, 'org-a', { actor: 'oncall-8' }).catch((error) => error);
        controller.abort();
      },
    });

    expect(result.outcome).toBe('cancelled');
    expect(await second).toMatchObject({ code: 'PROJECTIONS.REBUILD_IN_PROGRESS' });
    expect(await snapshotOrg(context.pool, demoProjection, 'org-a')).toBe(before);
    const { rows } = await context.pool.query(
      "SELECT status FROM projection_rebuilds WHERE org_id = 'org-a' ORDER BY generation DESC LIMIT 1",
    );
    expect(rows).toEqual([{ status: 'cancelled' }]);
  });

  it('a dry run compares and reports without switching or leaving rows behind', async () => {
    const before = await snapshotOrg(context.pool, demoProjection, 'org-b');
    const meter = new RecordingMeter();
    const metrics = new ProjectionMetrics(meter.asMeter());
    const attributes = { projection: demoProjection.name };
    const seen: (number | undefined)[] = [];

    const result = await rebuildOrg({ ...context, metrics }, demoProjection, 'org-b', {
      actor: 'oncall-7',
      dryRun: true,
      batchSize: 93,
      onProgress: () => seen.push(meter.value('ledger.projection.rebuild.progress', attributes)),
    });

    expect(result.outcome).toBe('compared');
    expect(result.comparison).toMatchObject({ identical: true, comparable: true });
    expect(result.comparison?.live.digest).toBe(result.comparison?.rebuilt.digest);
    // The total grows when the rebuild's own audit event is sequenced meanwhile: check the shape.
    expect(seen[0]).toBeGreaterThan(0.4);
    expect(seen[0]).toBeLessThan(0.6);
    expect(seen[seen.length - 1]).toBe(1);
    expect(meter.value('ledger.projection.rebuilds', attributes)).toBe(0);
    expect(await snapshotOrg(context.pool, demoProjection, 'org-b')).toBe(before);
  });

  it('records each rebuild as a span with its outcome and counts, its batches beneath it', () => {
    const spans = tracer.spans();
    const rebuilds = spans.filter((span) => span.name === 'projection.rebuild');
    expect(rebuilds.map((span) => span.attributes['projection.outcome'] ?? span.attributes['error.type'])).toEqual([
      'switched',
      'PROJECTIONS.REBUILD_IN_PROGRESS',
      'cancelled',
      'compared',
    ]);
    const switched = rebuilds[0];
    expect(switched.attributes).toMatchObject({
      'projection.name': demoProjection.name,
      'ledger.org_id': 'org-a',
      'projection.dry_run': false,
      'projection.generation': 2,
    });
    const batches = spans.filter(
      (span) =>
        span.name === 'projection.rebuild.batch' && span.parentSpanContext?.spanId === switched.spanContext().spanId,
    );
    expect(batches.length).toBeGreaterThan(1);
    // The switch applies what arrived after the last batch, so the batches hold at most the total.
    const inBatches = batches.reduce((sum, span) => sum + Number(span.attributes['ledger.events']), 0);
    expect(inBatches).toBeGreaterThan(0);
    expect(inBatches).toBeLessThanOrEqual(Number(switched.attributes['ledger.events']));
  });
});
