import { inSpan } from '@ledger/observability';
import { installRecordingTracer, type RecordingTracer } from '@ledger/observability/testing';
import { demoProjection } from '../examples/demo/demoProjection';
import { demoAccountEvents, demoMovements } from '../examples/demo/demoEvents';
import { createProjectionTestContext, type ProjectionTestContext } from '../testing/projectionTestContext';
import { ProjectionRunner } from './projectionRunner';

const ACTION_A = { trace: 'a1'.repeat(16), span: 'a2'.repeat(8) };
const ACTION_B = { trace: 'b1'.repeat(16), span: 'b2'.repeat(8) };
const traceparent = (action: { trace: string; span: string }) => `00-${action.trace}-${action.span}-01`;

describe('ProjectionRunner spans', () => {
  let context: ProjectionTestContext;
  let tracer: RecordingTracer;

  beforeAll(async () => {
    tracer = installRecordingTracer();
    context = await createProjectionTestContext();
  });
  afterAll(async () => {
    await context.close();
    await tracer.uninstall();
  });

  it('records its batches apart from the caller’s span, linked to the spans that appended their events, and its work in each of their traces', async () => {
    const traced = (request: ReturnType<typeof demoMovements>, action: { trace: string; span: string }) => ({
      ...request,
      events: request.events.map((event) => ({
        ...event,
        metadata: { ...event.metadata, traceparent: traceparent(action) },
      })),
    });
    await context.ledger.append({
      orgId: 'org-t',
      streamId: 'demo-acc-0',
      expectedRevision: 'no_stream',
      events: demoAccountEvents(0, 2),
    });
    await context.ledger.append(traced(demoMovements('org-t', 0, 3, 10), ACTION_A));
    await context.ledger.append(traced(demoMovements('org-t', 0, 2, 20), ACTION_B));
    await context.ledger.sequencer.drain();
    const head = (await context.ledger.orgSize('org-t')) - 1;

    let caller = '';
    const seen: number[] = [];
    const runner = new ProjectionRunner(context.pool, [demoProjection], {
      pollMs: 10,
      onBatch: (_projection, _orgId, lastSeq) => seen.push(lastSeq),
    });
    // Started inside a request's span, as a process may start its workers: the loop must not stay in it.
    await inSpan('test', 'caller', {}, async (span) => {
      caller = span.spanContext().traceId;
      runner.start();
    });
    const deadline = Date.now() + 15_000;
    while (!seen.includes(head) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await runner.stop();
    expect(seen).toContain(head);

    const spans = tracer.spans();
    const batches = spans.filter((span) => span.name === 'projection.batch');
    const rounds = spans.filter((span) => span.name === 'projection.round');
    expect(batches.length).toBeGreaterThan(0);
    expect(rounds.length).toBeGreaterThan(0);
    for (const span of [...batches, ...rounds]) {
      expect(span.parentSpanContext).toBeUndefined();
      expect(span.spanContext().traceId).not.toBe(caller);
    }
    expect(batches.reduce((sum, span) => sum + Number(span.attributes['ledger.events']), 0)).toBe(head + 1);
    expect(batches[0].attributes).toMatchObject({ 'projection.name': demoProjection.name, 'ledger.org_id': 'org-t' });
    const linked = new Set(batches.flatMap((span) => span.links.map((link) => link.context.spanId)));
    expect(linked).toEqual(new Set([ACTION_A.span, ACTION_B.span]));

    const applies = spans.filter((span) => span.name === 'projection.apply');
    for (const [action, count] of [
      [ACTION_A, 3],
      [ACTION_B, 2],
    ] as const) {
      const mine = applies.filter((span) => span.spanContext().traceId === action.trace);
      expect(mine.map((span) => span.parentSpanContext?.spanId)).toEqual(mine.map(() => action.span));
      expect(mine.reduce((sum, span) => sum + Number(span.attributes['ledger.events']), 0)).toBe(count);
    }
    expect(applies).toHaveLength(applies.filter((span) => span.parentSpanContext !== undefined).length);
  });
});
