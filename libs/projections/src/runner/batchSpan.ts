import { linksTo, recordInTraces, recordSpan } from '@ledger/observability';
import type { ProjectionEvent } from '../definition/projectionDefinition';
import type { OrgBatchOutcome } from './runOrgBatch';

export const TRACER = '@ledger/projections';

/** What an event failure is called on a span; its class and code stay in the projection's state. */
const EVENT_FAILED = { code: 'PROJECTIONS.EVENT_FAILED' };

/**
 * The span of one live batch of one org that applied something, failed, or threw, recorded once
 * it settled (an idle batch leaves none, and no context is held open across the runner's loop).
 * It links to the spans that appended its events, and each of their traces gets a
 * `projection.apply` span beneath the append: a batch serves many user actions, and a span has
 * one parent. Attributes are ids and counts.
 */
export function recordBatchSpan(
  projection: string,
  orgId: string,
  startedAt: number,
  events: readonly ProjectionEvent[],
  settled: { outcome: OrgBatchOutcome } | { error: unknown },
): void {
  const outcome = 'outcome' in settled ? settled.outcome : undefined;
  if (outcome && outcome.applied === 0 && !outcome.failure) return;
  const error = 'error' in settled ? settled.error : outcome?.failure ? EVENT_FAILED : undefined;
  const ids = { 'projection.name': projection, 'ledger.org_id': orgId };
  const traceparents = events.map((event) => event.metadata.traceparent);
  const failed = outcome?.failure ? { 'projection.failed_event_id': outcome.failure.eventId } : {};
  const batch = recordSpan(
    TRACER,
    'projection.batch',
    startedAt,
    { ...ids, 'ledger.events': outcome?.applied ?? 0, ...failed },
    error,
    { links: linksTo(traceparents) },
  );
  recordInTraces(TRACER, 'projection.apply', startedAt, traceparents, {
    batch,
    countAttribute: 'ledger.events',
    attributes: ids,
    error,
  });
}
