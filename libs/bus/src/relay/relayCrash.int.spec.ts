import { copiesOf, inPerOrgOrder } from '../testing/deliveryChecks';
import { until } from '../testing/eventually';
import { appendMixed, logHead, OWN_CATEGORIES, sequencedEvents } from '../testing/relayFixtures';
import { isStartedLine, startRelayMain, type ScriptProcess } from '../testing/relayProcess';
import { createRelayTestContext, type RelayTestContext } from '../testing/relayTestContext';
import { TopicCollector } from '../testing/topicCollector';
import { readRelayCheckpoint } from './relayCheckpoints';

const ORGS = ['org-a', 'org-b', 'org-c', 'org-d', 'org-e'];
const TOTAL = 600;
/** The appender waits here until the relay has been killed, so the kill is always mid-stream. */
const GATE = 300;

describe('a relay process killed mid-stream', () => {
  let context: RelayTestContext;
  let collector: TopicCollector;
  const processes: ScriptProcess[] = [];

  beforeAll(async () => {
    context = await createRelayTestContext({ partitions: 3 });
    collector = await TopicCollector.start(context.kafka, context.topic);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.ensureStopped()));
    await collector.stop();
    await context.close();
  });

  it('publishes every event after a restart, in per-org order of first arrival', async () => {
    const env = { RELAY_BATCH_SIZE: '16' };
    const first = startRelayMain(context.database.url, context.broker.bootstrap, env);
    processes.push(first);
    await first.line(isStartedLine);

    let killed!: () => void;
    const afterKill = new Promise<void>((resolve) => (killed = resolve));
    const appending = (async () => {
      await appendMixed(context.ledger, ORGS, 0, GATE);
      await afterKill;
      await appendMixed(context.ledger, ORGS, GATE, TOTAL);
    })();

    // Well into the stream but, with the appender held at the gate, never at its end.
    await until(async () => (await readRelayCheckpoint(context.pool, 'evidence')) >= 100, 'the relay to checkpoint');
    await first.kill();
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const checkpointAtKill = await readRelayCheckpoint(context.pool, 'evidence');
    killed();

    const second = startRelayMain(context.database.url, context.broker.bootstrap, env);
    processes.push(second);
    await second.line(isStartedLine);
    await appending;

    const expected = await sequencedEvents(context.ledger);
    expect(expected).toHaveLength(TOTAL / 2);
    const received = await collector.waitForEvents(
      expected.map((event) => event.eventId),
      90_000,
    );
    const head = await logHead(context.ledger);
    await until(async () => (await readRelayCheckpoint(context.pool, 'evidence')) === head, 'the final checkpoint');

    expect(checkpointAtKill).toBeLessThan(head);
    expect(new Set(copiesOf(received).keys())).toEqual(new Set(expected.map((event) => event.eventId)));
    expect(received.every((message) => OWN_CATEGORIES.includes(message.envelope.streamId.split('-')[0]))).toBe(true);
    expect(inPerOrgOrder(received)).toBe(true);

    // SIGTERM is a clean stop.
    expect(await second.terminate()).toEqual({ code: 0, signal: null });
  }, 180_000);
});
