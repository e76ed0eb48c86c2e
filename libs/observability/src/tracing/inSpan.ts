import {
  context,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type SpanKind,
} from '@opentelemetry/api';

/** Where a span sits besides its attributes: its kind, the spans it links to, its parent when not the active one. */
export interface SpanPlacement {
  kind?: SpanKind;
  links?: Link[];
  /** The parent's context (`remoteParent` of a traceparent); the active context when absent. */
  parent?: Context;
}

/**
 * Runs `work` inside an active span of `tracerName`, ending it when the work settles and marking
 * it failed on a throw. Only the error's class goes on the span: messages may quote input, and
 * no personal value may reach an attribute or event.
 */
export async function inSpan<T>(
  tracerName: string,
  spanName: string,
  attributes: Attributes,
  work: (span: Span) => Promise<T>,
  placement: SpanPlacement = {},
): Promise<T> {
  const { parent = context.active(), ...options } = placement;
  return trace.getTracer(tracerName).startActiveSpan(spanName, { ...options, attributes }, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute('error.type', errorType(error));
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The stable part of an error: its code when it has one (`LEDGER.VERSION_CONFLICT`), else its class. */
export function errorType(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_.]{1,64}$/.test(code)) return code;
    const name = (error as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name === 'string' && name) return name;
  }
  return 'unknown';
}

/**
 * Records a span after the work it describes, for loops whose idle rounds should leave no trace
 * (a poll every few hundred milliseconds would drown the real work): only rounds that did
 * something, or failed, are recorded.
 */
export function recordSpan(
  tracerName: string,
  spanName: string,
  startTime: number,
  attributes: Attributes,
  error?: unknown,
  placement: SpanPlacement = {},
): Span {
  const { parent = context.active(), ...options } = placement;
  const span = trace.getTracer(tracerName).startSpan(spanName, { ...options, startTime, attributes }, parent);
  if (error !== undefined) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.setAttribute('error.type', errorType(error));
  }
  span.end();
  return span;
}
