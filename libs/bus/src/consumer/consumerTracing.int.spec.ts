import { SpanKind } from '@opentelemetry/api';
import { installRecordingTracer, type RecordingTracer } from '@ledger/observability/testing';
import { EVENT_HEADERS } from './messageHeaders';
import { CONSUMER_MODES, ConsumerTestKit, Outcomes, eventMessage, makeEnvelope } from './testing/consumerTestKit';

const ACTION_A = { trace: 'a1'.repeat(16), span: 'a2'.repeat(8) };
const ACTION_B = { trace: 'b1'.repeat(16), span: 'b2'.repeat(8) };
const traceparent = (action: { trace: string; span: string }) => `00-${action.trace}-${action.span}-01`;

describe.each(CONSUMER_MODES)('IdempotentConsumer tracing, %s', (mode, defaults) => {
  let kit: ConsumerTestKit;
  let tracer: RecordingTracer;

  beforeAll(async () => {
    tracer = installRecordingTracer();
    kit = await ConsumerTestKit.start(defaults);
  });
  afterAll(async () => {
    await kit.close();
    await tracer.uninstall();
  });

  it('records each message’s work as a child of the span that appended its event, in that trace', async () => {
    const topic = await kit.topic('traced');
    const outcomes = new Outcomes();
    // Two user actions (three events and one), and an event of a request that was not traced.
    const events = Array.from({ length: 5 }, (_, i) => makeEnvelope({ orgSeq: i }));
    const headers = [ACTION_A, ACTION_A, ACTION_B, ACTION_A].map((action) => ({
      [EVENT_HEADERS.traceparent]: traceparent(action),
    }));
    const untraced = eventMessage(events[4]);
    delete untraced.headers![EVENT_HEADERS.traceparent];
    await kit.send(
      topic,
      ...events.slice(0, 4).map((event, i) => eventMessage(event, { headers: headers[i] })),
      untraced,
    );
    await kit.startConsumer({ groupId: `traced-${mode}`, topics: [topic], onOutcome: outcomes.record });
    await outcomes.waitFor('applied', events.length);

    const spans = tracer.spans();
    const processed = spans.filter((span) => span.name === 'bus.consumer.process');
    const inTrace = (action: { trace: string }) =>
      processed.filter((span) => span.spanContext().traceId === action.trace);
    for (const [action, count] of [
      [ACTION_A, 3],
      [ACTION_B, 1],
    ] as const) {
      const mine = inTrace(action);
      expect(mine.length).toBeGreaterThan(0);
      for (const span of mine) {
        expect(span.parentSpanContext?.spanId).toBe(action.span);
        expect(span.kind).toBe(SpanKind.CONSUMER);
        expect(span.attributes['messaging.destination.name']).toBe(topic);
      }
      const counted = mine.reduce((sum, span) => sum + Number(span.attributes['messaging.batch.message_count']), 0);
      expect(counted).toBe(count);
    }
    // Only ids and counts: no attribute holds anything but the topic and a count (and an error class).
    for (const span of processed) {
      for (const key of Object.keys(span.attributes)) {
        expect(['messaging.destination.name', 'messaging.batch.message_count', 'error.type']).toContain(key);
      }
    }
    if (defaults.maxBatchMessages) {
      // The runs link to the actions' spans, and each per-trace span links back to its run.
      const runs = spans.filter((span) => span.name === 'bus.consumer.run');
      const linked = new Set(runs.flatMap((run) => run.links.map((link) => link.context.spanId)));
      expect(linked).toEqual(new Set([ACTION_A.span, ACTION_B.span]));
      const runIds = new Set(runs.map((run) => run.spanContext().spanId));
      for (const span of processed) expect(runIds.has(span.links[0]?.context.spanId)).toBe(true);
    } else {
      // One span per message: the untraced one starts a trace of its own.
      expect(processed).toHaveLength(events.length);
      expect(processed.filter((span) => span.parentSpanContext === undefined)).toHaveLength(1);
    }
  });
});
