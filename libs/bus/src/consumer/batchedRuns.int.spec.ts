import type { EventEnvelope } from './eventEnvelope';
import { ConsumerTestKit, Outcomes, eventMessage, makeEnvelope, recordEffect } from './testing/consumerTestKit';

describe('IdempotentConsumer, batched: runs of one org in one transaction', () => {
  let kit: ConsumerTestKit;

  beforeAll(async () => {
    kit = await ConsumerTestKit.start();
  });
  afterAll(() => kit.close());

  it('applies the messages of one org in a fetched batch together, each event once and in order, a repeated id once', async () => {
    const topic = await kit.topic('runs');
    const outcomes = new Outcomes();
    // Blocks of ten per org, alternating, all produced before the consumer starts: one fetch holds them.
    const events = Array.from({ length: 40 }, (_, i) =>
      makeEnvelope({ orgId: Math.floor(i / 10) % 2 === 0 ? 'org-a' : 'org-b', orgSeq: i }),
    );
    const repeated = events[3];
    const messages = events.map((event) => eventMessage(event));
    messages.splice(5, 0, eventMessage(repeated));
    await kit.send(topic, ...messages);

    const runs: Array<{ orgId: string; seqs: number[] }> = [];
    await kit.startConsumer({
      groupId: 'runs',
      topics: [topic],
      maxBatchMessages: 50,
      batchHandler: async (envelopes: readonly EventEnvelope[], tx) => {
        runs.push({ orgId: envelopes[0].orgId, seqs: envelopes.map((envelope) => envelope.orgSeq) });
        for (const envelope of envelopes) {
          expect(envelope.orgId).toBe(envelopes[0].orgId);
          await recordEffect(envelope, tx);
        }
      },
      onOutcome: outcomes.record,
    });
    await outcomes.waitFor('applied', events.length);
    await outcomes.waitFor('duplicate', 1, repeated.eventId);

    const counts = await kit.effectCounts();
    for (const event of events) expect(counts.get(event.eventId)).toBe(1);
    // Fewer transactions than messages, none mixing orgs, each org's events in produce order.
    expect(runs.length).toBeLessThan(events.length);
    expect(runs.some((run) => run.seqs.length > 1)).toBe(true);
    for (const orgId of ['org-a', 'org-b']) {
      const seqs = runs.filter((run) => run.orgId === orgId).flatMap((run) => run.seqs);
      expect(seqs).toEqual(events.filter((event) => event.orgId === orgId).map((event) => event.orgSeq));
    }
    const { rows } = await kit.pool.query<{ org_setting: string; org_id: string }>(
      'SELECT DISTINCT org_setting, org_id FROM test_effects WHERE event_id = ANY($1)',
      [events.map((event) => event.eventId)],
    );
    expect(rows.every((row) => row.org_setting === row.org_id)).toBe(true);
  });
});
