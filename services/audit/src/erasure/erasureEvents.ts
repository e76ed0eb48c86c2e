import type { ErasureCertificate, JsonObject, RecordedEvent } from '@ledger/ledger';
import type { StreamDecision } from './erasureGuard';

export const ERASURE_REQUESTED = 'ErasureRequested';
export const ERASURE_CARRIED_OUT = 'ErasureCarriedOut';

/** Each request is the stream `audit-erasure-<requestId>`: in the audit category, in the trail. */
export function erasureStreamId(requestId: string): string {
  return `audit-erasure-${requestId}`;
}

export interface ErasureRequest {
  readonly requestId: string;
  readonly entityId: string;
  readonly requestedAt: string;
  /** Every stream found, with what was decided for it when the request was made. */
  readonly streams: readonly StreamDecision[];
  /** When the last retained stream's retention ends; null when nothing is retained, or a hold has no end. */
  readonly dueAt: string | null;
}

export interface ErasureCarriedOut {
  readonly requestId: string;
  /** The clock that found the streams due (the sweeper's), not the certificate's signing time. */
  readonly carriedOutAt: string;
  readonly certificate: ErasureCertificate;
}

export function erasureRequestedEvent(request: ErasureRequest): { type: string; data: JsonObject } {
  return { type: ERASURE_REQUESTED, data: request as unknown as JsonObject };
}

export function erasureCarriedOutEvent(carried: ErasureCarriedOut): { type: string; data: JsonObject } {
  return { type: ERASURE_CARRIED_OUT, data: carried as unknown as JsonObject };
}

/** A request as its stream tells it: what was decided, and what has been erased since. */
export interface ErasureState {
  readonly request: ErasureRequest;
  readonly carriedOut: readonly ErasureCarriedOut[];
  /** Its stream's revision, for appending the next carrying-out after it. */
  readonly revision: number;
}

export function foldErasure(events: readonly RecordedEvent[]): ErasureState | null {
  let request: ErasureRequest | null = null;
  const carriedOut: ErasureCarriedOut[] = [];
  let revision = -1;
  for (const event of events) {
    revision = event.streamRevision;
    if (event.type === ERASURE_REQUESTED) request = event.data as unknown as ErasureRequest;
    else if (event.type === ERASURE_CARRIED_OUT) carriedOut.push(event.data as unknown as ErasureCarriedOut);
  }
  return request && { request, carriedOut, revision };
}

/** Streams of the request not erased yet: those retention or a hold covered. */
export function pendingStreams(state: ErasureState): StreamDecision[] {
  const erased = new Set(state.carriedOut.flatMap((c) => c.certificate.streams.map((s) => s.streamId)));
  return state.request.streams.filter((s) => !erased.has(s.streamId));
}
