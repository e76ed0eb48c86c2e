import { SpanKind } from '@opentelemetry/api';
import { installRecordingTracer, type RecordingTracer } from '../testing/recordingTracer';
import { recordInTraces } from './batchSpans';
import { inSpan, recordSpan } from './inSpan';
import { activeTraceparent, groupByTraceparent, linksTo, remoteParent, remoteSpanContext } from './traceContext';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE}-${PARENT}-01`;

describe('trace context without an SDK', () => {
  it('carries nothing and reads nothing: the API is a no-op until a process starts telemetry', async () => {
    expect(await inSpan('t', 'work', {}, async () => activeTraceparent())).toBeUndefined();
    expect(remoteSpanContext(TRACEPARENT)).toBeUndefined();
    expect(linksTo([TRACEPARENT])).toEqual([]);
  });
});

describe('trace context through the W3C propagator', () => {
  let tracer: RecordingTracer;

  beforeAll(() => {
    tracer = installRecordingTracer();
  });
  afterAll(() => tracer.uninstall());
  beforeEach(() => tracer.reset());

  it('gives the active span’s traceparent, and none outside a span', async () => {
    expect(activeTraceparent()).toBeUndefined();
    const inside = await inSpan('t', 'request', {}, async () => activeTraceparent());
    const [span] = tracer.spans();
    expect(inside).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
  });

  it('starts a span as the child of the span a traceparent names, in its trace', async () => {
    await inSpan('t', 'consumer', {}, async () => undefined, {
      parent: remoteParent(TRACEPARENT),
      kind: SpanKind.CONSUMER,
    });
    recordSpan('t', 'recorded', Date.now(), {}, undefined, { parent: remoteParent(TRACEPARENT) });
    for (const span of tracer.spans()) {
      expect(span.spanContext().traceId).toBe(TRACE);
      expect(span.parentSpanContext?.spanId).toBe(PARENT);
    }
    expect(tracer.spans().map((span) => span.kind)).toEqual([SpanKind.CONSUMER, SpanKind.INTERNAL]);
  });

  it('starts a root span when the traceparent is missing or malformed', async () => {
    for (const given of [undefined, null, '', 'not-a-traceparent', `00-${'0'.repeat(32)}-${PARENT}-01`]) {
      await inSpan('t', 'consumer', {}, async () => undefined, { parent: remoteParent(given) });
    }
    expect(tracer.spans()).toHaveLength(5);
    for (const span of tracer.spans()) expect(span.parentSpanContext).toBeUndefined();
  });

  it('links once to each distinct span named, skipping what names none, up to a limit', () => {
    const other = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
    const links = linksTo([TRACEPARENT, null, 'junk', other, TRACEPARENT]);
    expect(links.map((link) => [link.context.traceId, link.context.spanId, link.context.isRemote])).toEqual([
      [TRACE, PARENT, true],
      ['a'.repeat(32), 'b'.repeat(16), true],
    ]);
    expect(linksTo([TRACEPARENT, other], 1)).toHaveLength(1);
    recordSpan('t', 'batch', Date.now(), { 'ledger.events': 3 }, undefined, { links });
    expect(tracer.spans()[0].links).toHaveLength(2);
  });

  it('groups items by their traceparent, leaving out those without one', () => {
    const items = [
      { id: 1, tp: TRACEPARENT },
      { id: 2, tp: undefined },
      { id: 3, tp: 'x' },
      { id: 4, tp: TRACEPARENT },
    ];
    const groups = groupByTraceparent(items, (item) => item.tp);
    expect([...groups].map(([tp, group]) => [tp, group.map((item) => item.id)])).toEqual([
      [TRACEPARENT, [1, 4]],
      ['x', [3]],
    ]);
  });

  it('records a batch’s work once in each trace its items came from, linked to the batch span', async () => {
    const other = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
    await inSpan('t', 'batch', {}, async (batch) => {
      recordInTraces('t', 'item', Date.now(), [TRACEPARENT, other, undefined, 'junk', TRACEPARENT], {
        batch,
        countAttribute: 'ledger.events',
        attributes: { 'projection.name': 'p' },
        error: new RangeError('x'),
      });
    });
    const batch = tracer.spans().find((span) => span.name === 'batch')!;
    const items = tracer.spans().filter((span) => span.name === 'item');
    expect(items.map((span) => [span.spanContext().traceId, span.parentSpanContext?.spanId])).toEqual([
      [TRACE, PARENT],
      ['a'.repeat(32), 'b'.repeat(16)],
    ]);
    expect(items.map((span) => span.attributes)).toEqual([
      { 'projection.name': 'p', 'ledger.events': 2, 'error.type': 'RangeError' },
      { 'projection.name': 'p', 'ledger.events': 1, 'error.type': 'RangeError' },
    ]);
    for (const item of items)
      expect(item.links.map((link) => link.context.spanId)).toEqual([batch.spanContext().spanId]);
  });
});
