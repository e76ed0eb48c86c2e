import { copiesOf, inPerOrgOrder } from '../testing/deliveryChecks';
import { until } from '../testing/eventually';
import { RecordingRelayMetrics } from '../testing/recordingRelayMetrics';
import { appendMixed, logHead, sequencedEvents } from '../testing/relayFixtures';
import { createRelayTestContext, type RelayTestContext } from '../testing/relayTestContext';
import { TopicCollector } from '../testing/topicCollector';
import type { OutboxRelay } from './outboxRelay';

const ORGS = ['org-a', 'org-b', 'org-c'];

describe('the relay through a broker outage longer than kafkajs retries for', () => {
  let context: RelayTestContext;
  let relay: OutboxRelay;
  const metrics = new RecordingRelayMetrics();

  beforeAll(async () => {
    // kafkajs's default retry settings: a send gives up after about 18 s of refused connections.
    context = await createRelayTestContext({ partitions: 3 });
    relay = context.relay({ backoff: { initialMs: 200, maxMs: 1000 }, backlogIntervalMs: 200, metrics });
    relay.start();
  });

  afterAll(() => context.close());

  it('keeps retrying with the checkpoint held, its backlog rising, and loses nothing once the broker is back', async () => {
    await appendMixed(context.ledger, ORGS, 0, 60);
    const before = await logHead(context.ledger);
    await until(async () => (await relay.checkpoint()) === before, 'the relay to catch up before the outage');

    await context.broker.down();
    // Event 60 is of an own category: the relay's next round must publish, so it cannot pass the checkpoint.
    await appendMixed(context.ledger, ORGS, 60, 120);
    const duringOutage = (await logHead(context.ledger)) - before;
    await until(() => metrics.publishErrors >= 1, 'kafkajs to give up and the relay to retry', 60_000);
    await until(() => metrics.backlogs.at(-1) === duringOutage, 'the backlog gauge to show the outage');
    expect(await relay.checkpoint()).toBe(before);
    expect(await relay.backlog()).toBe(duringOutage);

    // Events keep coming while the broker is away: the backlog grows with them.
    await appendMixed(context.ledger, ORGS, 120, 150);
    const grown = (await logHead(context.ledger)) - before;
    expect(await relay.backlog()).toBe(grown);
    expect(grown).toBeGreaterThan(duringOutage);
    expect(await relay.checkpoint()).toBe(before);

    await context.broker.up();
    const head = await logHead(context.ledger);
    await until(async () => (await relay.checkpoint()) === head, 'the relay to catch up after the outage', 90_000);
    expect(await relay.backlog()).toBe(0);

    const expected = await sequencedEvents(context.ledger);
    const collector = await TopicCollector.start(context.kafka, context.topic);
    try {
      const received = await collector.waitForCount(await context.topicSize());
      expect(new Set(copiesOf(received).keys())).toEqual(new Set(expected.map((event) => event.eventId)));
      expect(inPerOrgOrder(received)).toBe(true);
    } finally {
      await collector.stop();
    }
    expect(metrics.publishErrors).toBeGreaterThanOrEqual(1);
    expect(Math.max(...metrics.backlogs)).toBeGreaterThanOrEqual(grown);
  }, 150_000);
});
