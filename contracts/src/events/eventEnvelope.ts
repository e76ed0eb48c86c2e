import { EVENT_HEADERS } from './kafkaContract';

/** The sealed personal part exactly as the ledger stores it: ciphertext only. */
export interface SealedPersonal {
  alg: 'A256GCM';
  iv: string;
  ct: string;
  tag: string;
}

export interface EventEnvelopeMetadata {
  actor: string;
  correlationId?: string;
  causationId?: string;
  traceparent?: string;
}

/**
 * The value of an event message (`envelope.v1.schema.json`): the stored ledger event without
 * its format version, plus the per-org sequence number the relay publishes it at.
 */
export interface EventEnvelope<Type extends string = string, Data = Record<string, unknown>> {
  eventId: string;
  type: Type;
  schemaVersion: number;
  orgId: string;
  streamId: string;
  streamRevision: number;
  orgSeq: number;
  recordedAt: string;
  metadata: EventEnvelopeMetadata;
  data: Data;
  personal: SealedPersonal | null;
}

/** The message key: per-org order needs every event of an org on one partition. */
export function eventMessageKey(envelope: Pick<EventEnvelope, 'orgId'>): string {
  return envelope.orgId;
}

/** The headers of an event message, derived from its value so the two cannot disagree. */
export function eventMessageHeaders(
  envelope: Pick<EventEnvelope, 'eventId' | 'type' | 'schemaVersion' | 'orgId'> & {
    metadata: Pick<EventEnvelopeMetadata, 'traceparent'>;
  },
): Record<string, string> {
  const headers: Record<string, string> = {
    [EVENT_HEADERS.eventId]: envelope.eventId,
    [EVENT_HEADERS.eventType]: envelope.type,
    [EVENT_HEADERS.schemaVersion]: String(envelope.schemaVersion),
    [EVENT_HEADERS.orgId]: envelope.orgId,
  };
  if (envelope.metadata.traceparent !== undefined) headers[EVENT_HEADERS.traceparent] = envelope.metadata.traceparent;
  return headers;
}
