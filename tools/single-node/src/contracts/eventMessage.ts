import { randomBytes, randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@ledger/contracts';
import { canonicalEvent, canonicalJson, type EventMetadata, type JsonObject, encryptPersonal } from '@ledger/ledger';

/** An event as a service's code produces it, and the stream it appends it to. */
export interface ProducedEvent {
  streamId: string;
  type: string;
  /** Absent: version 1. */
  schemaVersion?: number;
  data: object;
  personal?: object;
  metadata: EventMetadata;
}

/** Services hand the ledger typed objects cast to JSON; the round trip is what that cast claims. */
function json(value: object): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

/**
 * The message value the outbox relay publishes for an appended event: the ledger's canonical
 * event (the personal part sealed under the stream's data key, as stored) without its format
 * version `v`, plus the per-org sequence number.
 */
export function toEventMessage(
  orgId: string,
  produced: ProducedEvent,
  at: { streamRevision: number; orgSeq: number },
): EventEnvelope {
  const eventId = randomUUID();
  const dataKey = randomBytes(32);
  const canonical = canonicalEvent({
    eventId,
    orgId,
    streamId: produced.streamId,
    streamRevision: at.streamRevision,
    type: produced.type,
    schemaVersion: produced.schemaVersion ?? 1,
    canonicalData: canonicalJson(json(produced.data)),
    personal: produced.personal ? encryptPersonal(dataKey, eventId, canonicalJson(json(produced.personal))) : null,
    metadata: produced.metadata,
    recordedAt: new Date().toISOString(),
  });
  const { v: _format, ...stored } = JSON.parse(canonical) as Record<string, unknown>;
  // Typed as the contract says; the tests check the value against the schema, not this cast.
  return { ...stored, orgSeq: at.orgSeq } as EventEnvelope;
}
