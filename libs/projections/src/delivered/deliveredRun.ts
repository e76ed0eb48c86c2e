import type { EventEnvelope } from '@ledger/contracts';
import type { JsonObject } from '@ledger/ledger';
import type { PoolClient } from 'pg';
import type { ProjectionDefinition, ProjectionEvent } from '../definition/projectionDefinition';
import { applyDeliveredEvents, type DeliveredOutcome } from './applyDelivered';

/** What a projection handler sees of an event that arrived over Kafka: the same as from the ledger. */
export function projectionEventOf(envelope: EventEnvelope<string, JsonObject>): ProjectionEvent {
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

/** A delivered run of one org's events folded into a projection in one pass, in the caller's transaction. */
export function applyDeliveredRun(
  tx: PoolClient,
  definition: ProjectionDefinition,
  run: readonly EventEnvelope<string, JsonObject>[],
): Promise<DeliveredOutcome[]> {
  return applyDeliveredEvents(tx, definition, run.map(projectionEventOf));
}
