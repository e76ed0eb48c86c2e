import { appliedMigrationVersions } from '@ledger/ledger/testing';
import { copiesOf, inPerOrgOrder } from '../testing/deliveryChecks';
import { until } from '../testing/eventually';
import { RecordingRelayMetrics } from '../testing/recordingRelayMetrics';
import { appendMixed, logHead, sequencedEvents } from '../testing/relayFixtures';
import { createRelayTestContext, type RelayTestContext } from '../testing/relayTestContext';
import { TopicCollector } from '../testing/topicCollector';
import type { OutboxRelay } from './outboxRelay';

const ORGS = ['org-a', 'org-b'];
const PRODUCE_API = 0;
/** Not retriable for kafkajs, so each relay attempt is exactly one refused Produce request. */
const INVALID_RECORD = 87;
const REFUSALS = 3;

describe('the relay checkpoint', () => {
  let context: RelayTestContext;

  beforeAll(async () => {
    context = await createRelayTestContext({ partitions: 2 });
  });

  afterAll(() => context.close());

  it('does not move while the broker refuses the round, and moves once it acknowledges it', async () => {
    let relay!: OutboxRelay;
    // The relay is stopped from inside its third failure report, before it can try a fourth time.
    const thirdRefusal = new Promise<void>((resolve) => {
      const metrics = new RecordingRelayMetrics((errors) => {
        if (errors === REFUSALS) {
          void relay.stop();
          resolve();
        }
      });
      relay = context.relay({ backoff: { initialMs: 50, maxMs: 200 }, metrics });
    });
    relay.start();
    await appendMixed(context.ledger, ORGS, 0, 30);
    const acknowledged = await logHead(context.ledger);
    await until(async () => (await relay.checkpoint()) === acknowledged, 'the first events to be checkpointed');
    const onBroker = await context.topicSize();

    await context.broker.injectErrors(PRODUCE_API, INVALID_RECORD, REFUSALS);
    await appendMixed(context.ledger, ORGS, 30, 60);
    await thirdRefusal;
    await relay.stop();

    expect(await relay.checkpoint()).toBe(acknowledged);
    expect(await context.topicSize()).toBe(onBroker);
    const head = await logHead(context.ledger);
    expect(await relay.backlog()).toBe(head - acknowledged);

    // The refusals are used up: a relay starting from the checkpoint publishes the round at once.
    const resumed = context.relay();
    resumed.start();
    await until(async () => (await resumed.checkpoint()) === head, 'the resumed relay to checkpoint');
    const expected = await sequencedEvents(context.ledger);
    const collector = await TopicCollector.start(context.kafka, context.topic);
    try {
      const received = await collector.waitForCount(await context.topicSize());
      expect(received).toHaveLength(expected.length);
      expect(new Set(copiesOf(received).keys())).toEqual(new Set(expected.map((event) => event.eventId)));
      expect(inPerOrgOrder(received)).toBe(true);
    } finally {
      await collector.stop();
    }
  });

  it('lives in bus_relay_checkpoints, one row per relay, created by the bus migration', async () => {
    const { rows } = await context.pool.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
        WHERE table_name = 'bus_relay_checkpoints' ORDER BY ordinal_position`,
    );
    expect(rows).toEqual([
      { column_name: 'relay', data_type: 'text' },
      { column_name: 'last_log_seq', data_type: 'bigint' },
      { column_name: 'updated_at', data_type: 'timestamp with time zone' },
    ]);
    expect(await appliedMigrationVersions(context.pool, 'bus')).toEqual(['bus:001_relay_checkpoints']);
  });
});
