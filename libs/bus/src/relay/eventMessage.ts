import type { Message } from 'kafkajs';
import { CANONICAL_FORMAT_VERSION, type JsonObject, type SequencedEvent, type StoredLogEvent } from '@ledger/ledger';
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

/** How every canonical text of the current format ends; the envelope puts `orgSeq` in its place. */
const FORMAT_END = `,"v":${CANONICAL_FORMAT_VERSION}}`;

/**
 * The envelope is the stored event without its format version, plus `orgSeq`; the canonical text
 * ends with the version (RFC 8785 orders `v` last), so swapping that ending for `orgSeq` gives the
 * envelope without parsing anything, byte for byte the hashed text but for its last field. The
 * personal part is therefore the sealed one as stored, however the event was read.
 */
function envelopeText(event: Pick<StoredLogEvent, 'canonical' | 'logSeq' | 'orgSeq'>): string {
  const { canonical } = event;
  if (!canonical.endsWith(FORMAT_END)) {
    throw new Error(`the event at log sequence ${event.logSeq} is not in canonical format ${CANONICAL_FORMAT_VERSION}`);
  }
  return `${canonical.slice(0, canonical.length - FORMAT_END.length)},"orgSeq":${event.orgSeq}}`;
}

/**
 * Keyed by org: Kafka keeps one key's messages in one partition, in the order produced. The
 * headers repeat the value's fields (contracts/events.md); the stored columns they come from were
 * written from the same prepared event as the canonical text.
 */
export function storedEventMessage(event: StoredLogEvent): Message {
  const { eventId, type, schemaVersion, orgId } = event;
  const metadata = { traceparent: event.traceparent ?? undefined };
  return {
    key: eventMessageKey(event),
    value: envelopeText(event),
    headers: eventMessageHeaders({ eventId, type, schemaVersion, orgId, metadata }),
  };
}

/** The message of an event read with `readAll` or `readOrg`: the same as the relay publishes. */
export function eventMessage(event: SequencedEvent): Message {
  return storedEventMessage({ ...event, traceparent: event.metadata.traceparent ?? null });
}
