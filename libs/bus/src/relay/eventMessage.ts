import type { IHeaders, Message } from 'kafkajs';
import type { EventMetadata, JsonObject, PersonalEnvelope, SequencedEvent } from '@ledger/ledger';
import { EVENT_HEADERS } from '@ledger/contracts';

/** The message value: one ledger event as other services and teams consume it. */
export interface EventEnvelope {
  eventId: string;
  type: string;
  schemaVersion: number;
  orgId: string;
  streamId: string;
  streamRevision: number;
  orgSeq: number;
  recordedAt: string;
  metadata: EventMetadata;
  data: JsonObject;
  /** The sealed personal part exactly as the ledger stores it, or null: consumers never see it in clear. */
  personal: PersonalEnvelope | null;
}

// The header names are the published contract's (contracts/events.md).
export { EVENT_HEADERS };

/**
 * The envelope is taken from the stored canonical text, not from `event.personal`, so that an
 * event read with decryption could still never leak its personal part onto the bus.
 */
function sealedPersonal(event: SequencedEvent): PersonalEnvelope | null {
  if (event.personalState === 'none') return null;
  return (JSON.parse(event.canonical) as { personal: PersonalEnvelope | null }).personal;
}

export function eventEnvelope(event: SequencedEvent): EventEnvelope {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    orgId: event.orgId,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    orgSeq: event.orgSeq,
    recordedAt: event.recordedAt,
    metadata: event.metadata,
    data: event.data,
    personal: sealedPersonal(event),
  };
}

/** Keyed by org: Kafka keeps one key's messages in one partition, in the order produced. */
export function eventMessage(event: SequencedEvent): Message {
  const headers: IHeaders = {
    [EVENT_HEADERS.eventId]: event.eventId,
    [EVENT_HEADERS.eventType]: event.type,
    [EVENT_HEADERS.schemaVersion]: String(event.schemaVersion),
    [EVENT_HEADERS.orgId]: event.orgId,
  };
  if (event.metadata.traceparent !== undefined) headers[EVENT_HEADERS.traceparent] = event.metadata.traceparent;
  return { key: event.orgId, value: JSON.stringify(eventEnvelope(event)), headers };
}
