import { join } from 'node:path';
import { copiesOf, inPerOrgOrder } from '../testing/deliveryChecks';
import { until } from '../testing/eventually';
import { appendMixed, logHead, sequencedEvents } from '../testing/relayFixtures';
import { isStartedLine, ScriptProcess, startRelayMain } from '../testing/relayProcess';
import { createRelayTestContext, type RelayTestContext } from '../testing/relayTestContext';
import { TopicCollector } from '../testing/topicCollector';
import { readRelayCheckpoint } from './relayCheckpoints';

const ORGS = ['org-a', 'org-b', 'org-c'];
const BATCH_SIZE = 10;
const STALL_AT = 3;

describe('a relay killed after the acknowledgement, before the checkpoint', () => {
  let context: RelayTestContext;
  let collector: TopicCollector;
  const processes: ScriptProcess[] = [];

  beforeAll(async () => {
    context = await createRelayTestContext({ partitions: 2 });
    collector = await TopicCollector.start(context.kafka, context.topic);
    await appendMixed(context.ledger, ORGS, 0, 120);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.ensureStopped()));
    await collector.stop();
    await context.close();
  });

  it('publishes the unrecorded round again on restart, never skipping it', async () => {
    const expected = await sequencedEvents(context.ledger);
    const stalling = ScriptProcess.start(join(__dirname, '..', 'testing', 'stallingRelayChild.ts'), {
      DATABASE_URL: context.database.url,
      KAFKA_BROKERS: context.broker.bootstrap.join(','),
      RELAY_BATCH_SIZE: String(BATCH_SIZE),
      STALL_AT: String(STALL_AT),
    });
    processes.push(stalling);
    const stalledAt = Number((await stalling.line((line) => line.startsWith('stalled '))).split(' ')[1]);
    // The round after the stalled one is still sent (its checkpoint would wait for the stalled
    // one's), and nothing after it: kill once both are on the broker.
    const lastSent = stalledAt + BATCH_SIZE;
    const unrecorded = expected.filter(
      (event) => event.logSeq > (STALL_AT - 1) * BATCH_SIZE - 1 && event.logSeq <= lastSent,
    );
    await collector.waitForEvents(unrecorded.map((event) => event.eventId));
    await stalling.kill();

    // Rounds before the stalled one are checkpointed; the stalled round and the next are on the broker but not recorded.
    const checkpoint = await readRelayCheckpoint(context.pool, 'evidence');
    expect(checkpoint).toBe((STALL_AT - 1) * BATCH_SIZE - 1);
    expect(stalledAt).toBe(STALL_AT * BATCH_SIZE - 1);
    expect(unrecorded.filter((event) => event.logSeq <= stalledAt).length).toBeGreaterThan(0);
    expect(unrecorded.filter((event) => event.logSeq > stalledAt).length).toBeGreaterThan(0);

    const restarted = startRelayMain(context.database.url, context.broker.bootstrap, {
      RELAY_BATCH_SIZE: String(BATCH_SIZE),
    });
    processes.push(restarted);
    await restarted.line(isStartedLine);
    const head = await logHead(context.ledger);
    await until(async () => (await readRelayCheckpoint(context.pool, 'evidence')) === head, 'the final checkpoint');
    expect(await restarted.terminate()).toEqual({ code: 0, signal: null });

    // Every copy the broker acknowledged, not just one of each.
    const received = await collector.waitForCount(await context.topicSize());
    const copies = copiesOf(received);
    for (const event of expected) {
      expect([event.logSeq, copies.get(event.eventId)]).toEqual([
        event.logSeq,
        event.logSeq > checkpoint && event.logSeq <= lastSent ? 2 : 1,
      ]);
    }
    expect(inPerOrgOrder(received)).toBe(true);
  }, 120_000);
});
