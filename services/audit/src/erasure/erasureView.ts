import type { ErasureState } from './erasureEvents';
import { pendingStreams } from './erasureEvents';

/** A request as the API shows it: per stream what was decided and, once erased, by which certificate. */
export interface ErasureView {
  requestId: string;
  entityId: string;
  requestedAt: string;
  /** `erased` when every stream is, `pending` while retention or a hold keeps some. */
  status: 'erased' | 'pending';
  dueAt: string | null;
  streams: {
    streamId: string;
    decision: 'erase' | 'retain' | 'hold';
    legalBasis: string | null;
    retainedUntil: string | null;
    heldBy: readonly string[];
    erasedAt: string | null;
    certificateId: string | null;
    dataKeyId: string | null;
  }[];
  certificateIds: string[];
}

export function erasureView(state: ErasureState): ErasureView {
  const erased = new Map(
    state.carriedOut.flatMap((c) =>
      c.certificate.streams.map((s) => [s.streamId, { certificate: c.certificate, dataKeyId: s.dataKeyId }] as const),
    ),
  );
  const { request } = state;
  return {
    requestId: request.requestId,
    entityId: request.entityId,
    requestedAt: request.requestedAt,
    status: pendingStreams(state).length === 0 ? 'erased' : 'pending',
    dueAt: request.dueAt,
    streams: request.streams.map((decision) => {
      const done = erased.get(decision.streamId);
      return {
        streamId: decision.streamId,
        decision: decision.decision,
        legalBasis: decision.decision === 'erase' ? null : decision.legalBasis,
        retainedUntil: decision.decision === 'retain' ? decision.retainedUntil : null,
        heldBy: decision.decision === 'hold' ? decision.heldBy : [],
        erasedAt: done?.certificate.erasedAt ?? null,
        certificateId: done?.certificate.certificateId ?? null,
        dataKeyId: done?.dataKeyId ?? null,
      };
    }),
    certificateIds: state.carriedOut.map((c) => c.certificate.certificateId),
  };
}
