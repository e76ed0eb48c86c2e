import {
  context,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
  type Link,
  type SpanContext,
} from '@opentelemetry/api';

/**
 * Trace context carried in a W3C `traceparent`, read and written by the process's propagator
 * (the SDK installs the W3C one), never formatted by hand. Without an SDK, or outside a span,
 * there is nothing to carry and nothing is read.
 */

const TRACEPARENT = 'traceparent';

/** The `traceparent` of the active span, or undefined when there is none (or no SDK). */
export function activeTraceparent(active: Context = context.active()): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return carrier[TRACEPARENT];
}

/** The remote span context a `traceparent` names, or undefined for none, a malformed one, or no SDK. */
export function remoteSpanContext(traceparent: string | null | undefined): SpanContext | undefined {
  if (!traceparent) return undefined;
  const extracted = propagation.extract(ROOT_CONTEXT, { [TRACEPARENT]: traceparent });
  return trace.getSpanContext(extracted);
}

/** A context whose parent is the span a `traceparent` names; the root context when it names none. */
export function remoteParent(traceparent: string | null | undefined): Context {
  const remote = remoteSpanContext(traceparent);
  return remote ? trace.setSpanContext(ROOT_CONTEXT, remote) : ROOT_CONTEXT;
}

/**
 * One link per distinct span the `traceparent`s name, in first-seen order, at most `limit`
 * (the SDK keeps 128 links per span by default and drops the rest).
 */
export function linksTo(traceparents: Iterable<string | null | undefined>, limit = 128): Link[] {
  const seen = new Set<string>();
  const links: Link[] = [];
  for (const traceparent of traceparents) {
    if (links.length >= limit) break;
    if (!traceparent || seen.has(traceparent)) continue;
    seen.add(traceparent);
    const remote = remoteSpanContext(traceparent);
    if (remote) links.push({ context: remote });
  }
  return links;
}

/** The distinct `traceparent`s among `items`, each with the items that carry it, in first-seen order. */
export function groupByTraceparent<T>(
  items: readonly T[],
  traceparentOf: (item: T) => string | null | undefined,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const traceparent = traceparentOf(item);
    if (!traceparent) continue;
    const group = groups.get(traceparent);
    if (group) group.push(item);
    else groups.set(traceparent, [item]);
  }
  return groups;
}
