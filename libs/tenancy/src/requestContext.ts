import type { EventMetadata } from '@ledger/ledger';
import type { Principal } from './principal';

/**
 * Who asks and under which request: the verified principal plus the ids that tie the request's
 * events and log lines together. Application code takes it instead of anything HTTP-shaped.
 */
export interface RequestContext extends Principal {
  requestId: string;
  correlationId: string;
  /** W3C trace context of the request, when it carried one. */
  traceparent?: string;
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
