import type { PersonalEnvelope } from '../events/canonicalEvent';
import type { EventMetadata, JsonObject, PersonalState, RecordedEvent } from '../events/types';

/** The columns every read selects: the stored canonical text is the event. */
export const EVENT_COLUMNS = `e.position, e.canonical, encode(e.leaf_hash, 'hex') AS leaf_hash`;

export interface EventRowColumns {
  position: string;
  canonical: string;
  leaf_hash: string;
}

interface CanonicalDocument {
  data: JsonObject;
  eventId: string;
  metadata: EventMetadata;
  orgId: string;
  personal: PersonalEnvelope | null;
  recordedAt: string;
  schemaVersion: number;
  streamId: string;
  streamRevision: number;
  type: string;
}

/** An event as parsed from storage, its personal envelope still sealed. */
export interface SealedEvent extends RecordedEvent {
  envelope: PersonalEnvelope | null;
}

export function rowToEvent(row: EventRowColumns): SealedEvent {
  const doc = JSON.parse(row.canonical) as CanonicalDocument;
  const personalState: PersonalState = doc.personal === null ? 'none' : 'withheld';
  return {
    position: Number(row.position),
    orgId: doc.orgId,
    streamId: doc.streamId,
    streamRevision: doc.streamRevision,
    eventId: doc.eventId,
    type: doc.type,
    schemaVersion: doc.schemaVersion,
    data: doc.data,
    personal: null,
    personalState,
    metadata: doc.metadata,
    recordedAt: doc.recordedAt,
    leafHash: row.leaf_hash,
    canonical: row.canonical,
    envelope: doc.personal,
  };
}
