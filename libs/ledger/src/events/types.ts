export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who did it and why: ids only, never names or addresses. */
export interface EventMetadata {
  actor: string;
  correlationId?: string;
  causationId?: string;
  /** W3C trace context of the request that caused the event. */
  traceparent?: string;
}

export interface NewEvent {
  /** A UUID chosen by the producer so that retries are idempotent; generated when absent. */
  eventId?: string;
  type: string;
  schemaVersion?: number;
  /** Non-personal payload, stored and hashed in clear. */
  data: JsonObject;
  /** Personal payload, encrypted with the stream's data key before it is stored and hashed. */
  personal?: JsonObject;
  metadata: EventMetadata;
}

/**
 * `any`: append whatever the stream holds; `no_stream`: the stream must be empty;
 * `stream_exists`: it must hold at least one event; a number: its last revision must be that.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendRequest {
  orgId: string;
  streamId: string;
  expectedRevision: ExpectedRevision;
  events: readonly NewEvent[];
}

export interface AppendResult {
  /** Global positions of the appended (or, on an idempotent retry, already stored) events. */
  positions: number[];
  eventIds: string[];
  /** The stream's last revision after the append. */
  lastRevision: number;
  /** True when every event was already stored with identical content and nothing was written. */
  alreadyStored: boolean;
}

export type PersonalState = 'none' | 'present' | 'erased' | 'withheld';

export interface RecordedEvent {
  position: number;
  orgId: string;
  streamId: string;
  streamRevision: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  /** Decrypted personal payload; null when there is none, it was erased, or it was not requested. */
  personal: JsonObject | null;
  personalState: PersonalState;
  metadata: EventMetadata;
  recordedAt: string;
  /** Hex SHA-256 RFC 6962 leaf hash over `canonical`. */
  leafHash: string;
  /** The exact RFC 8785 bytes that were hashed (UTF-8 text). */
  canonical: string;
}

/** An event in an org's commit-safe order: its dense per-org and global log sequence numbers. */
export interface SequencedEvent extends RecordedEvent {
  orgSeq: number;
  logSeq: number;
}
