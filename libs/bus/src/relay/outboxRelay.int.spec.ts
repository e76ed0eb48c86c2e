import { SpanKind } from '@opentelemetry/api';
import type { SequencedEvent } from '@ledger/ledger';
import { installRecordingTracer, type RecordingTracer } from '@ledger/observability/testing';
import { copiesOf, inPerOrgOrder } from '../testing/deliveryChecks';
import { until } from '../testing/eventually';
import { RecordingRelayMetrics } from '../testing/recordingRelayMetrics';
import { appendMixed, logHead, OWN_CATEGORIES, PERSONAL_CANARY, sequencedEvents } from '../testing/relayFixtures';
import { createRelayTestContext, type RelayTestContext } from '../testing/relayTestContext';
import { TopicCollector, type ReceivedMessage } from '../testing/topicCollector';
import type { OutboxRelay } from './outboxRelay';

const ORGS = ['org-a', 'org-b', 'org-c', 'org-d'];

describe('the outbox relay publishing', () => {
  let context: RelayTestContext;
  let collector: TopicCollector;
  let relay: OutboxRelay;
  const metrics = new RecordingRelayMetrics();
  let expected: SequencedEvent[];
  let received: ReceivedMessage[];
  let tracer: RecordingTracer;

  beforeAll(async () => {
    tracer = installRecordingTracer();
    context = await createRelayTestContext({ partitions: 3 });
    // Half the events exist before the relay starts (catch-up), half arrive while it runs (live).
    await appendMixed(context.ledger, ORGS, 0, 120);
    // Small pages, so the run spans many rounds; a long poll, so live events rely on the sequencer's signal.
    relay = context.relay({ batchSize: 7, pollMs: 10_000, metrics });
    relay.start();
    collector = await TopicCollector.start(context.kafka, context.topic);
    await appendMixed(context.ledger, ORGS, 120, 240);
    expected = await sequencedEvents(context.ledger);
    received = await collector.waitForEvents(expected.map((event) => event.eventId));
    const head = await logHead(context.ledger);
    await until(async () => (await relay.checkpoint()) === head, 'the checkpoint to reach the log head');
  });

  afterAll(async () => {
    await collector.stop();
    await context.close();
    await tracer.uninstall();
  });

  it('publishes each event of its own categories exactly once when nothing fails, and nothing else', async () => {
    expect(expected).toHaveLength(120);
    // Everything acknowledged is on the broker: its high watermarks count every message produced.
    expect(await context.topicSize()).toBe(expected.length);
    expect(received).toHaveLength(expected.length);
    expect([...copiesOf(received).values()].every((copies) => copies === 1)).toBe(true);
    expect(new Set(received.map((m) => m.envelope.streamId.split('-')[0]))).toEqual(new Set(OWN_CATEGORIES));
    expect(metrics.publishedTotal).toBe(expected.length);
  });

  it('keys by org, sets the headers and carries the envelope with the personal part sealed', () => {
    const byId = new Map(received.map((message) => [message.envelope.eventId, message]));
    for (const event of expected) {
      const message = byId.get(event.eventId)!;
      const stored = JSON.parse(event.canonical) as { personal: unknown };
      expect(message.key).toBe(event.orgId);
      expect(message.headers).toEqual({
        'event-id': event.eventId,
        'event-type': event.type,
        'schema-version': String(event.schemaVersion),
        'org-id': event.orgId,
        ...(event.metadata.traceparent ? { traceparent: event.metadata.traceparent } : {}),
      });
      expect(message.envelope).toEqual({
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        orgId: event.orgId,
        streamId: event.streamId,
        streamRevision: event.streamRevision,
        orgSeq: event.orgSeq,
        recordedAt: event.recordedAt,
        metadata: event.metadata,
        data: event.data,
        personal: stored.personal,
      });
      // The stored text byte for byte, its format version swapped for orgSeq: checkable against the leaf hash.
      expect(message.value).toBe(event.canonical.replace(/,"v":1}$/, `,"orgSeq":${event.orgSeq}}`));
    }
    const sealed = received.filter((message) => message.envelope.personal !== null);
    expect(sealed.length).toBeGreaterThan(0);
    for (const message of sealed) {
      expect(message.envelope.personal).toEqual({
        alg: 'A256GCM',
        iv: expect.any(String),
        ct: expect.any(String),
        tag: expect.any(String),
      });
    }
    // Each sealed event had a canary of its own in its personal part; none of them is in clear.
    for (const message of received) expect(message.value).not.toContain(PERSONAL_CANARY);
    expect(received.some((message) => message.headers.traceparent === undefined)).toBe(true);
  });

  it('keeps each org in one partition, in per-org order, across several orgs', () => {
    expect(new Set(received.map((message) => message.key))).toEqual(new Set(ORGS));
    expect(inPerOrgOrder(received)).toBe(true);
    for (const org of ORGS) {
      const seqs = received.filter((message) => message.key === org).map((message) => message.envelope.orgSeq);
      expect(seqs).toEqual(expected.filter((event) => event.orgId === org).map((event) => event.orgSeq));
    }
  });

  it('checkpoints the log head in its own table and reports no backlog once caught up', async () => {
    const head = await logHead(context.ledger);
    const { rows } = await context.pool.query('SELECT relay, last_log_seq FROM bus_relay_checkpoints');
    expect(rows).toEqual([{ relay: 'evidence', last_log_seq: String(head) }]);
    expect(await relay.backlog()).toBe(0);
    expect(metrics.backlogs.at(-1)).toBe(0);
  });

  it('records each round, linked to the spans that appended its events, and a publish span in each of their traces', () => {
    const traced = expected.filter((event) => event.metadata.traceparent !== undefined);
    expect(traced.length).toBeGreaterThan(0);
    const parentOf = (traceparent: string) => ({
      traceId: traceparent.split('-')[1],
      spanId: traceparent.split('-')[2],
    });
    const spans = tracer.spans();
    const rounds = spans.filter((span) => span.name === 'bus.relay.round');
    expect(rounds.length).toBeGreaterThan(1);
    const linked = new Set(rounds.flatMap((round) => round.links.map((link) => link.context.spanId)));
    expect(linked).toEqual(new Set(traced.map((event) => parentOf(event.metadata.traceparent!).spanId)));
    const publishes = spans.filter((span) => span.name === 'bus.relay.publish');
    const roundIds = new Set(rounds.map((round) => round.spanContext().spanId));
    for (const publish of publishes) {
      expect(publish.kind).toBe(SpanKind.PRODUCER);
      expect(roundIds.has(publish.links[0]?.context.spanId)).toBe(true);
    }
    // Nothing failed, so each traced event was published once: the per-trace counts add up to them.
    const perTrace = new Map<string, number>();
    for (const publish of publishes) {
      const key = `${publish.spanContext().traceId}/${publish.parentSpanContext?.spanId}`;
      perTrace.set(key, (perTrace.get(key) ?? 0) + Number(publish.attributes['messaging.batch.message_count']));
    }
    const expectedPerTrace = new Map<string, number>();
    for (const event of traced) {
      const { traceId, spanId } = parentOf(event.metadata.traceparent!);
      expectedPerTrace.set(`${traceId}/${spanId}`, (expectedPerTrace.get(`${traceId}/${spanId}`) ?? 0) + 1);
    }
    expect(perTrace).toEqual(expectedPerTrace);
  });
});
