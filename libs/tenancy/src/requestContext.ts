import type { EventMetadata } from '@ledger/ledger';
import type { Principal } from './principal';

/** A read model that has not applied a request's write when the request answers. */
export interface ViewBehind {
  projection: string;
  /** `failed`: stopped on a failed event of the org until an operator acts; `lagging`: still catching up. */
  reason: 'failed' | 'lagging';
}

/**
 * Where a request's writes say that read models are behind them, so the answer can say so
 * instead of implying that the next read sees the write. The HTTP layer provides one per request.
 */
export interface ViewReport {
  behind(views: readonly ViewBehind[]): void;
}

/**
 * Who asks and under which request: the verified principal plus the ids that tie the request's
 * events and log lines together. Application code takes it instead of anything HTTP-shaped.
 */
export interface RequestContext extends Principal {
  requestId: string;
  correlationId: string;
  /** W3C trace context of the request, when it carried one. */
  traceparent?: string;
  /** Told when the request's writes answer before every read model applied them. */
  views?: ViewReport;
}

/** The metadata every event a request appends carries: ids only. */
export function eventMetadata(ctx: RequestContext, causationId?: string): EventMetadata {
  const metadata: EventMetadata = { actor: ctx.actor, correlationId: ctx.correlationId };
  if (causationId !== undefined) metadata.causationId = causationId;
  if (ctx.traceparent !== undefined) metadata.traceparent = ctx.traceparent;
  return metadata;
}

/** A context for code that runs outside a request (seeding, tests, tools). */
export function systemContext(principal: Principal, requestId = 'system'): RequestContext {
  return { ...principal, requestId, correlationId: requestId };
}
