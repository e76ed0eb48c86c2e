import type { PoolClient } from 'pg';
import { CONSUMER_LAG_METRIC, CONSUMER_MESSAGES_METRIC, ConsumerMetrics } from './consumerMetrics';
import type { EventEnvelope } from './eventEnvelope';
import { CountingMeter } from './testing/countingMeter';
import {
  CONSUMER_MODES,
  ConsumerTestKit,
  INBOX,
  Outcomes,
  eventMessage,
  makeEnvelope,
  recordEffect,
  waitFor,
} from './testing/consumerTestKit';

describe.each(CONSUMER_MODES)('IdempotentConsumer (%s)', (_mode, defaults) => {
  let kit: ConsumerTestKit;

  beforeAll(async () => {
    kit = await ConsumerTestKit.start(defaults);
  });
  afterAll(() => kit.close());

  it('applies each message once, in a transaction scoped to its org, recording it in the inbox', async () => {
    const topic = await kit.topic('applied', 2);
    const outcomes = new Outcomes();
    const meter = new CountingMeter();
    const events = [
      makeEnvelope({ orgId: 'org-a' }),
      makeEnvelope({ orgId: 'org-b' }),
      makeEnvelope({ orgId: 'org-a', orgSeq: 1 }),
    ];
    await kit.startConsumer({
      groupId: 'applied',
      topics: [topic],
      onOutcome: outcomes.record,
      metrics: new ConsumerMetrics(meter.asMeter()),
    });
    await kit.send(topic, ...events.map((e) => eventMessage(e)));
    await outcomes.waitFor('applied', 3);

    const { rows } = await kit.pool.query(
      'SELECT event_id, org_id, org_setting FROM test_effects WHERE event_id = ANY($1) ORDER BY event_id',
      [events.map((e) => e.eventId)],
    );
    expect(rows).toEqual(
      events
        .map((e) => ({ event_id: e.eventId, org_id: e.orgId, org_setting: e.orgId }))
        .sort((a, b) => a.event_id.localeCompare(b.event_id)),
    );
    const inbox = await kit.pool.query(
      `SELECT event_id, topic, partition, "offset", org_id FROM ${INBOX} WHERE event_id = $1`,
      [events[1].eventId],
    );
    const applied = outcomes.all.find((o) => o.eventId === events[1].eventId)!;
    expect(inbox.rows).toEqual([
      { event_id: events[1].eventId, topic, partition: applied.partition, offset: applied.offset, org_id: 'org-b' },
    ]);
    expect(outcomes.all.every((o) => o.attempts === 1)).toBe(true);
    expect(meter.total(CONSUMER_MESSAGES_METRIC, { outcome: 'applied', topic, group: 'applied' })).toBe(3);
    await waitFor(
      'a lag reading for every partition that had messages',
      () => meter.observe(CONSUMER_LAG_METRIC).length >= new Set(outcomes.all.map((o) => o.partition)).size,
    );
    expect(meter.observe(CONSUMER_LAG_METRIC).every((s) => s.value === 0 && s.attributes.group === 'applied')).toBe(
      true,
    );
  });

  it('has no second effect when the identical message is produced twice', async () => {
    const topic = await kit.topic('twice');
    const outcomes = new Outcomes();
    const event = makeEnvelope();
    const next = makeEnvelope({ orgSeq: 1 });
    await kit.startConsumer({ groupId: 'twice', topics: [topic], onOutcome: outcomes.record });
    await kit.send(topic, eventMessage(event), eventMessage(event));
    await kit.send(topic, eventMessage(event), eventMessage(next));

    await outcomes.waitFor('applied', 1, next.eventId);
    expect(outcomes.count('applied', event.eventId)).toBe(1);
    expect(outcomes.count('duplicate', event.eventId)).toBeGreaterThanOrEqual(2);
    expect(await kit.effectsOf(event.eventId)).toBe(1);
    expect(await kit.effectsOf(next.eventId)).toBe(1);
  });

  it('has no second effect when the group is restarted from rewound offsets, or a new group reads it all', async () => {
    const topic = await kit.topic('rewind');
    const events = Array.from({ length: 5 }, (_, i) => makeEnvelope({ orgSeq: i }));
    await kit.send(topic, ...events.map((e) => eventMessage(e)));
    const first = new Outcomes();
    const consumer = await kit.startConsumer({ groupId: 'rewind', topics: [topic], onOutcome: first.record });
    await first.waitFor('applied', 5);
    await consumer.stop();

    await kit.rewindGroup('rewind', topic);
    const again = new Outcomes();
    await kit.startConsumer({ groupId: 'rewind', topics: [topic], onOutcome: again.record });
    await again.waitFor('duplicate', 5);
    expect(again.firstPerOffset().map((o) => o.offset)).toEqual(['0', '1', '2', '3', '4']);

    const fresh = new Outcomes();
    await kit.startConsumer({ groupId: 'rewind-new-group', topics: [topic], onOutcome: fresh.record });
    await fresh.waitFor('duplicate', 5);

    expect(again.count('applied') + fresh.count('applied')).toBe(0);
    for (const event of events) expect(await kit.effectsOf(event.eventId)).toBe(1);
  });

  it('applies each event once when two groups race over one inbox', async () => {
    const topic = await kit.topic('race', 3);
    const events = Array.from({ length: 30 }, (_, i) => makeEnvelope({ orgId: `org-${i % 3}`, orgSeq: i }));
    const [one, two] = [new Outcomes(), new Outcomes()];
    await Promise.all([
      kit.startConsumer({ groupId: 'race-1', topics: [topic], onOutcome: one.record }),
      kit.startConsumer({ groupId: 'race-2', topics: [topic], onOutcome: two.record }),
    ]);
    await kit.send(topic, ...events.map((e) => eventMessage(e)));

    await waitFor('both groups through every message', () => one.eventIds().size === 30 && two.eventIds().size === 30);
    expect(one.count('applied') + two.count('applied')).toBe(30);
    expect(one.count('duplicate') + two.count('duplicate')).toBeGreaterThanOrEqual(30);
    for (const event of events) expect(await kit.effectsOf(event.eventId)).toBe(1);
  });

  it('retries a transient handler failure and applies the message once, the failed attempt leaving nothing', async () => {
    const topic = await kit.topic('transient');
    const outcomes = new Outcomes();
    const flaky = makeEnvelope();
    let calls = 0;
    const handler = async (envelope: EventEnvelope, tx: PoolClient) => {
      await recordEffect(envelope, tx);
      calls += envelope.eventId === flaky.eventId ? 1 : 0;
      if (envelope.eventId === flaky.eventId && calls === 1) throw new Error('deadlock, try again');
    };
    await kit.startConsumer({ groupId: 'transient', topics: [topic], handler, onOutcome: outcomes.record });
    await kit.send(topic, eventMessage(flaky));

    await outcomes.waitFor('applied', 1, flaky.eventId);
    expect(calls).toBe(2);
    expect(outcomes.all).toEqual([
      expect.objectContaining({ outcome: 'applied', eventId: flaky.eventId, attempts: 2 }),
    ]);
    expect(await kit.effectsOf(flaky.eventId)).toBe(1);
  });
});
