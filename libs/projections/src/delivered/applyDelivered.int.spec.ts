import { inTransaction } from '@ledger/postgres';
import type { ProjectionEvent } from '../definition/projectionDefinition';
import { demoMovements } from '../examples/demo/demoEvents';
import { demoProjection } from '../examples/demo/demoProjection';
import { rebuildOrg } from '../rebuild/rebuildOrg';
import { markFailed, markRunning } from '../store/stateStore';
import { actualDemoRows, expectedDemoRows, orgEvents } from '../testing/demoReference';
import { createProjectionTestContext, seedDemoOrg, type ProjectionTestContext } from '../testing/projectionTestContext';
import { activeGeneration } from '../consistency/projectionWaiter';
import { applyDeliveredEvent, applyDeliveredEvents, type DeliveredOutcome } from './applyDelivered';

describe('applyDeliveredEvent: events from another service, one at a time, in the caller’s transaction', () => {
  let context: ProjectionTestContext;

  beforeAll(async () => {
    context = await createProjectionTestContext();
  });

  afterAll(() => context.close());

  const deliver = (events: readonly ProjectionEvent[]): Promise<DeliveredOutcome[]> =>
    Promise.all(
      events.map((event) => inTransaction(context.pool, (tx) => applyDeliveredEvent(tx, demoProjection, event))),
    );

  async function deliverInOrder(events: readonly ProjectionEvent[]): Promise<DeliveredOutcome[]> {
    const outcomes: DeliveredOutcome[] = [];
    for (const event of events) outcomes.push(...(await deliver([event])));
    return outcomes;
  }

  it('folds delivered events into the active generation exactly as the runner would', async () => {
    await seedDemoOrg(context, 'org-d', 3, 10);
    const events = await orgEvents(context.pool, 'org-d');
    const outcomes = await deliverInOrder(events);
    expect(outcomes.every((outcome) => outcome === 'applied')).toBe(true);
    expect(await actualDemoRows(context.pool, 'org-d', 1)).toEqual(expectedDemoRows(events));
  });

  it('folds a run of one org’s delivered events at once, with the same result', async () => {
    await seedDemoOrg(context, 'org-b', 2, 12);
    const events = await orgEvents(context.pool, 'org-b');
    for (let from = 0; from < events.length; from += 7) {
      const outcomes = await inTransaction(context.pool, (tx) =>
        applyDeliveredEvents(tx, demoProjection, events.slice(from, from + 7)),
      );
      expect(new Set(outcomes)).toEqual(new Set(['applied']));
    }
    expect(await actualDemoRows(context.pool, 'org-b', 1)).toEqual(expectedDemoRows(events));
  });

  it('passes over an event type the projection does not handle, touching nothing', async () => {
    const [first] = await orgEvents(context.pool, 'org-d');
    expect(await deliver([{ ...first, type: 'SomethingElse' }])).toEqual(['no-handler']);
    expect(await actualDemoRows(context.pool, 'org-d', 1)).toEqual(
      expectedDemoRows(await orgEvents(context.pool, 'org-d')),
    );
  });

  it('after a rebuild, a late delivery of an event the rebuild read from the ledger is not applied twice', async () => {
    await seedDemoOrg(context, 'org-r', 2, 8);
    const before = await orgEvents(context.pool, 'org-r');
    // Live, only the first half had arrived over Kafka when on-call rebuilt the org.
    await deliverInOrder(before.slice(0, before.length / 2));
    await rebuildOrg(context, demoProjection, 'org-r', { actor: 'oncall-1' });
    const generation = await activeGeneration(context.pool, demoProjection.name, 'org-r');
    expect(generation).toBeGreaterThan(1);

    const late = await deliverInOrder(before);
    expect(new Set(late)).toEqual(new Set(['in-rebuilt-generation']));
    expect(await actualDemoRows(context.pool, 'org-r', generation)).toEqual(expectedDemoRows(before));

    await context.ledger.append(demoMovements('org-r', 0, 3, 8));
    await context.ledger.sequencer.drain();
    const after = await orgEvents(context.pool, 'org-r');
    // The rebuild's own audit events (no handler here) were appended meanwhile.
    const fresh = after.filter((event) => event.orgSeq > before[before.length - 1].orgSeq);
    expect(await deliverInOrder(fresh)).toEqual(
      fresh.map((event) => (event.streamId.startsWith('demo-') ? 'applied' : 'no-handler')),
    );
    expect(fresh.filter((event) => event.streamId.startsWith('demo-'))).toHaveLength(3);
    expect(await actualDemoRows(context.pool, 'org-r', generation)).toEqual(expectedDemoRows(after));
  });

  it('refuses while the org’s projection is stopped on a failed event, so the message is retried, then dead-lettered', async () => {
    await seedDemoOrg(context, 'org-f', 1, 2);
    const [event] = await orgEvents(context.pool, 'org-f');
    await inTransaction(context.pool, async (tx) => {
      await applyDeliveredEvent(tx, demoProjection, event);
      await markFailed(tx, demoProjection.name, 'org-f', {
        seq: 0,
        eventId: event.eventId,
        eventType: event.type,
        error: 'Error',
      });
    });
    const rows = await actualDemoRows(context.pool, 'org-f', 1);
    const [, second] = await orgEvents(context.pool, 'org-f');
    await expect(deliver([second])).rejects.toMatchObject({ code: 'PROJECTIONS.STOPPED' });
    expect(await actualDemoRows(context.pool, 'org-f', 1)).toEqual(rows);
    await inTransaction(context.pool, (tx) => markRunning(tx, demoProjection.name, 'org-f'));
    expect(await deliver([second])).toEqual(['applied']);
  });
});
