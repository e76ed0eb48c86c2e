import type { Pool, PoolClient } from 'pg';
import type { EventEnvelope } from './eventEnvelope';
import {
  CONSUMER_MODES,
  ConsumerTestKit,
  Outcomes,
  eventMessage,
  makeEnvelope,
  recordEffect,
  sleep,
  waitFor,
} from './testing/consumerTestKit';

describe.each(CONSUMER_MODES)('IdempotentConsumer through outages (%s)', (_mode, defaults) => {
  let kit: ConsumerTestKit;

  beforeAll(async () => {
    kit = await ConsumerTestKit.start(defaults);
  });
  afterAll(() => kit.close());

  it('resumes from committed offsets when the broker comes back, with no second effect', async () => {
    const topic = await kit.topic('outage', 2);
    const outcomes = new Outcomes();
    const events = Array.from({ length: 60 }, (_, i) => makeEnvelope({ orgId: `org-${i % 4}`, orgSeq: i }));
    // Slow enough that the outage falls in the middle of the stream.
    const handler = async (envelope: EventEnvelope, tx: PoolClient) => {
      await recordEffect(envelope, tx);
      await sleep(40);
    };
    await kit.startConsumer({ groupId: 'outage', topics: [topic], handler, onOutcome: outcomes.record });
    await kit.send(topic, ...events.map((e) => eventMessage(e)));

    await outcomes.waitFor('applied', 10);
    await kit.broker.down();
    await sleep(4000);
    const appliedDuringOutage = outcomes.count('applied');
    await kit.broker.up();

    await waitFor('every event applied', async () => (await kit.effectCounts()).size >= 60, 60_000);
    expect(appliedDuringOutage).toBeLessThan(60);
    const counts = await kit.effectCounts();
    for (const event of events) expect(counts.get(event.eventId)).toBe(1);
    expect(outcomes.count('applied')).toBe(60);

    // Still consuming afterwards.
    const later = makeEnvelope({ orgSeq: 60 });
    await kit.send(topic, eventMessage(later));
    await outcomes.waitFor('applied', 1, later.eventId);
    expect(await kit.effectsOf(later.eventId)).toBe(1);
  });

  it('neither dead-letters nor skips messages while the database is unreachable, and applies them once it is back', async () => {
    const topic = await kit.topic('database-outage');
    const outcomes = new Outcomes();
    let down = true;
    let refusedConnections = 0;
    // The kit's pool, except that connecting fails as it does when PostgreSQL is not there.
    const pool = Object.assign(Object.create(kit.pool) as Pool, {
      connect: async () => {
        if (!down) return kit.pool.connect();
        refusedConnections += 1;
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      },
    });
    const events = Array.from({ length: 3 }, (_, i) => makeEnvelope({ orgSeq: i }));
    await kit.startConsumer({ groupId: 'database-outage', topics: [topic], pool, onOutcome: outcomes.record });
    await kit.send(topic, ...events.map((e) => eventMessage(e)));

    await waitFor('the consumer to keep trying the database', () => refusedConnections >= 5);
    expect(outcomes.all).toEqual([]);
    down = false;

    await outcomes.waitFor('applied', 3);
    expect(outcomes.count('dlq')).toBe(0);
    for (const event of events) expect(await kit.effectsOf(event.eventId)).toBe(1);
  });
});
