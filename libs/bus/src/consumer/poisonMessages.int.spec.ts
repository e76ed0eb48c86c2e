import type { KafkaMessage } from 'kafkajs';
import { DLQ_HEADER, dlqTopicFor } from '../dlq/dlqHeaders';
import { CONSUMER_MESSAGES_METRIC, ConsumerMetrics } from './consumerMetrics';
import type { EnvelopeValidator } from './envelopeValidation';
import { validateEnvelopeFields, composeValidators } from './envelopeValidation';
import type { EventEnvelope } from './eventEnvelope';
import { EVENT_HEADERS } from './messageHeaders';
import { CountingMeter } from './testing/countingMeter';
import {
  CONSUMER_MODES,
  ConsumerTestKit,
  Outcomes,
  eventMessage,
  headerOf,
  invalidOnPurpose,
  makeEnvelope,
  recordEffect,
  originalPosition,
} from './testing/consumerTestKit';

/** Personal data as careless code would echo it: it must reach no log line and no DLQ header. */
const CANARY = 'Jane Canary-Doe';

describe.each(CONSUMER_MODES)('poison messages (%s)', (_mode, defaults) => {
  let kit: ConsumerTestKit;

  beforeAll(async () => {
    kit = await ConsumerTestKit.start(defaults);
  });
  afterAll(() => kit.close());

  /** Checks the DLQ copy: original key, value and headers, plus where and why it failed. */
  function expectDeadLettered(
    copy: KafkaMessage,
    original: ReturnType<typeof eventMessage>,
    code: string,
    offset: string,
    topic: string,
    startedAt: number,
  ) {
    expect(copy.key?.toString()).toBe(original.key);
    expect(copy.value?.toString()).toBe(original.value);
    for (const [name, value] of Object.entries(original.headers ?? {})) expect(headerOf(copy, name)).toBe(value);
    expect(headerOf(copy, DLQ_HEADER.errorCode)).toBe(code);
    expect(headerOf(copy, DLQ_HEADER.originalTopic)).toBe(topic);
    expect(headerOf(copy, DLQ_HEADER.originalPartition)).toBe('0');
    expect(headerOf(copy, DLQ_HEADER.originalOffset)).toBe(offset);
    const failedAt = Date.parse(headerOf(copy, DLQ_HEADER.failedAt)!);
    expect(failedAt).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(failedAt).toBeLessThanOrEqual(Date.now());
    expect(headerOf(copy, DLQ_HEADER.errorMessage)!.length).toBeGreaterThan(0);
  }

  it('dead-letters a message whose org header or key is not its payload org, and goes on with the next', async () => {
    const startedAt = Date.now();
    const topic = await kit.topic('org-mismatch');
    const outcomes = new Outcomes();
    const meter = new CountingMeter();
    const wrongHeader = eventMessage(makeEnvelope({ orgId: 'org-a' }), { headers: { [EVENT_HEADERS.orgId]: 'org-b' } });
    const wrongKey = eventMessage(makeEnvelope({ orgId: 'org-a' }), { key: 'org-b' });
    const noHeader = eventMessage(makeEnvelope({ orgId: 'org-a' }));
    delete noHeader.headers![EVENT_HEADERS.orgId];
    const good = makeEnvelope({ orgId: 'org-a' });
    await kit.startConsumer({
      groupId: 'org-mismatch',
      topics: [topic],
      onOutcome: outcomes.record,
      metrics: new ConsumerMetrics(meter.asMeter()),
    });
    await kit.send(topic, wrongHeader, wrongKey, noHeader, eventMessage(good));

    await outcomes.waitFor('applied', 1, good.eventId);
    expect(outcomes.firstPerOffset().map((o) => [o.offset, o.outcome, o.errorCode])).toEqual([
      ['0', 'dlq', 'org-mismatch'],
      ['1', 'dlq', 'org-mismatch'],
      ['2', 'dlq', 'org-mismatch'],
      ['3', 'applied', undefined],
    ]);
    const dlq = await kit.readTopic(dlqTopicFor(topic), 3, originalPosition);
    expectDeadLettered(dlq[0], wrongHeader, 'org-mismatch', '0', topic, startedAt);
    expectDeadLettered(dlq[1], wrongKey, 'org-mismatch', '1', topic, startedAt);
    expectDeadLettered(dlq[2], noHeader, 'org-mismatch', '2', topic, startedAt);
    expect(headerOf(dlq[0], DLQ_HEADER.errorMessage)).toMatch(/org-id header/);
    expect(headerOf(dlq[1], DLQ_HEADER.errorMessage)).toMatch(/key/);
    expect(meter.total(CONSUMER_MESSAGES_METRIC, { outcome: 'dlq', topic })).toBe(3);
    expect(meter.total(CONSUMER_MESSAGES_METRIC, { outcome: 'applied', topic })).toBe(1);
    expect((await kit.effectCounts()).size).toBe(1);
  });

  it('dead-letters unparseable values and envelopes the validator refuses, naming fields but not values', async () => {
    const startedAt = Date.now();
    const topic = await kit.topic('invalid');
    const outcomes = new Outcomes();
    const notJson = eventMessage(makeEnvelope(), { value: `{"orgId": "org-a", "note": "${CANARY}"` });
    const malformed = makeEnvelope();
    const badFields = eventMessage(malformed, {
      value: JSON.stringify({ ...malformed, schemaVersion: 0, type: undefined }),
    });
    const refusedByType = eventMessage(makeEnvelope({ type: 'ClaimRetracted', data: { reason: CANARY } }));
    const good = makeEnvelope();
    // A stand-in for the per-type JSON Schemas: this consumer accepts DocumentVersionAdded only.
    const byType: EnvelopeValidator = (envelope) =>
      (envelope as EventEnvelope).type === 'DocumentVersionAdded'
        ? { ok: true }
        : { ok: false, error: '/type must be equal to one of the allowed values' };
    await kit.startConsumer({
      groupId: 'invalid',
      topics: [topic],
      validate: composeValidators(validateEnvelopeFields, byType),
      onOutcome: outcomes.record,
    });
    // Broken on purpose to be dead-lettered, so they are left out of the contract check that good messages pass.
    await kit.send(
      topic,
      invalidOnPurpose(notJson),
      invalidOnPurpose(badFields),
      invalidOnPurpose(refusedByType),
      eventMessage(good),
    );

    await outcomes.waitFor('applied', 1, good.eventId);
    expect(outcomes.firstPerOffset().map((o) => [o.outcome, o.errorCode])).toEqual([
      ['dlq', 'unparseable'],
      ['dlq', 'invalid-envelope'],
      ['dlq', 'invalid-envelope'],
      ['applied', undefined],
    ]);
    const dlq = await kit.readTopic(dlqTopicFor(topic), 3, originalPosition);
    expectDeadLettered(dlq[0], notJson, 'unparseable', '0', topic, startedAt);
    expectDeadLettered(dlq[1], badFields, 'invalid-envelope', '1', topic, startedAt);
    expectDeadLettered(dlq[2], refusedByType, 'invalid-envelope', '2', topic, startedAt);
    expect(headerOf(dlq[1], DLQ_HEADER.errorMessage)).toBe(
      'type must be an event type name; schemaVersion must be an integer ≥ 1',
    );
    expect(headerOf(dlq[2], DLQ_HEADER.errorMessage)).toBe('/type must be equal to one of the allowed values');
    for (const message of dlq) expect(headerOf(message, DLQ_HEADER.errorMessage)).not.toContain(CANARY);
    expect(kit.logs.text()).not.toContain(CANARY);
  });

  it('dead-letters a message whose handler fails every attempt, with no effect, and goes on', async () => {
    const startedAt = Date.now();
    const topic = await kit.topic('handler-fails');
    const outcomes = new Outcomes();
    const poison = makeEnvelope();
    const good = makeEnvelope({ orgSeq: 1 });
    let poisonCalls = 0;
    const handler = async (envelope: EventEnvelope, tx: Parameters<typeof recordEffect>[1]) => {
      await recordEffect(envelope, tx);
      if (envelope.eventId === poison.eventId) {
        poisonCalls += 1;
        // Quotes personal data, as careless code does; none of it may travel further.
        const error = new Error(`cannot file the note of ${CANARY}`) as Error & { code: string };
        error.code = 'NOTES.UNFILED';
        throw error;
      }
    };
    await kit.startConsumer({
      groupId: 'handler-fails',
      topics: [topic],
      handler,
      // When batched, the run holding the poison fails first; only the attempts after it, one
      // message at a time, count towards the DLQ, so only those are counted here.
      batchHandler: async (envelopes, tx) => {
        for (const envelope of envelopes) {
          if (envelope.eventId === poison.eventId) throw new Error('the run fails');
          await recordEffect(envelope, tx);
        }
      },
      retry: { maxAttempts: 4, initialBackoffMs: 20 },
      onOutcome: outcomes.record,
    });
    const message = eventMessage(poison);
    await kit.send(topic, message, eventMessage(good));

    await outcomes.waitFor('applied', 1, good.eventId);
    // Four attempts per delivery (a redelivery would bring four more, never a partial run).
    expect(poisonCalls % 4).toBe(0);
    expect(outcomes.firstPerOffset().map((o) => [o.eventId, o.outcome, o.attempts, o.errorCode])).toEqual([
      [poison.eventId, 'dlq', 4, 'handler-failed'],
      [good.eventId, 'applied', 1, undefined],
    ]);
    expect(await kit.effectsOf(poison.eventId)).toBe(0);
    expect(await kit.inboxHas(poison.eventId)).toBe(false);
    const [copy] = await kit.readTopic(dlqTopicFor(topic), 1, originalPosition);
    expectDeadLettered(copy, message, 'handler-failed', '0', topic, startedAt);
    expect(headerOf(copy, DLQ_HEADER.errorMessage)).toBe(
      'the handler failed 4 times; last error: Error (NOTES.UNFILED)',
    );
    expect(kit.logs.text()).toContain(poison.eventId);
    expect(kit.logs.text()).not.toContain(CANARY);
  });
});
