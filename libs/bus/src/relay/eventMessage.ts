import type { Message } from 'kafkajs';
import type { JsonObject, PersonalEnvelope, SequencedEvent } from '@ledger/ledger';
import {
  EVENT_HEADERS,
  eventMessageHeaders,
  eventMessageKey,
  type EventEnvelope as ContractEnvelope,
} from '@ledger/contracts';

/**
 * The message value: one ledger event as other services and teams consume it, as the published
 * contract defines it; the personal part stays sealed, consumers never see it in clear.
 */
export type EventEnvelope = ContractEnvelope<string, JsonObject>;

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
  const envelope = eventEnvelope(event);
  return { key: eventMessageKey(envelope), value: JSON.stringify(envelope), headers: eventMessageHeaders(envelope) };
}
