import type { Attributes, Span, SpanKind } from '@opentelemetry/api';
import { recordSpan } from './inSpan';
import { groupByTraceparent, remoteParent, remoteSpanContext } from './traceContext';

export interface InTracesOptions {
  /** The span of the whole batch: each per-trace span links to it. */
  batch?: Span;
  /** The attribute that counts the batch's items of each trace. */
  countAttribute: string;
  attributes?: Attributes;
  kind?: SpanKind;
  error?: unknown;
}

/**
 * A batch serves many user actions, and a span has one parent: the batch's own span links to
 * the actions' spans, and this records, after the batch, one span per distinct trace among its
 * items, as a child of the span that produced them (their `traceparent`), so that each action's
 * trace shows the batch's work on its behalf. Items without a valid traceparent get none.
 */
export function recordInTraces(
  tracerName: string,
  spanName: string,
  startTime: number,
  traceparents: readonly (string | null | undefined)[],
  options: InTracesOptions,
): void {
  const links = options.batch ? [{ context: options.batch.spanContext() }] : [];
  for (const [traceparent, items] of groupByTraceparent(traceparents, (traceparent) => traceparent)) {
    if (!remoteSpanContext(traceparent)) continue;
    const attributes = { ...options.attributes, [options.countAttribute]: items.length };
    recordSpan(tracerName, spanName, startTime, attributes, options.error, {
      kind: options.kind,
      parent: remoteParent(traceparent),
      links,
    });
  }
}
