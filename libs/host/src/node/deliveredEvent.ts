import type { EventEnvelope } from '@ledger/bus';
import type { ProjectionEvent } from '@ledger/projections';

/** What a projection handler sees of an event that arrived over Kafka: the same as from the ledger. */
export function projectionEventOf(envelope: EventEnvelope): ProjectionEvent {
  return {
    orgId: envelope.orgId,
    orgSeq: envelope.orgSeq,
    eventId: envelope.eventId,
    streamId: envelope.streamId,
    type: envelope.type,
    schemaVersion: envelope.schemaVersion,
    data: envelope.data,
    metadata: envelope.metadata,
    recordedAt: envelope.recordedAt,
  };
}
