import type { PersonalEnvelope } from '../events/canonicalEvent';
import type { EventMetadata, JsonObject, RecordedEvent, SequencedEvent } from '../events/types';

/** The columns every read selects: the stored canonical text is the event. */
export const EVENT_COLUMNS = `e.position, e.canonical, encode(e.leaf_hash, 'hex') AS leaf_hash`;

export interface EventRowColumns {
  position: string;
  canonical: string;
  leaf_hash: string;
}

export interface SequencedRowColumns extends EventRowColumns {
  org_seq: string;
  log_seq: string;
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

/** A page of events as parsed from storage, with their still-sealed personal envelopes. */
export interface ParsedPage<E extends RecordedEvent> {
  events: E[];
  envelopes: Array<PersonalEnvelope | null>;
}

function parse(row: EventRowColumns, doc: CanonicalDocument): RecordedEvent {
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
    personalState: doc.personal === null ? 'none' : 'withheld',
    metadata: doc.metadata,
    recordedAt: doc.recordedAt,
    leafHash: row.leaf_hash,
    canonical: row.canonical,
  };
}

/** Builds each event object once: catch-up reads spend most of their time here. */
export function parseRows(rows: EventRowColumns[]): ParsedPage<RecordedEvent> {
  const events: RecordedEvent[] = new Array(rows.length);
  const envelopes: Array<PersonalEnvelope | null> = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const doc = JSON.parse(rows[i].canonical) as CanonicalDocument;
    events[i] = parse(rows[i], doc);
    envelopes[i] = doc.personal;
  }
  return { events, envelopes };
}

export function parseSequencedRows(rows: SequencedRowColumns[]): ParsedPage<SequencedEvent> {
  const { events, envelopes } = parseRows(rows);
  const sequenced = events as SequencedEvent[];
  for (let i = 0; i < rows.length; i++) {
    sequenced[i].orgSeq = Number(rows[i].org_seq);
    sequenced[i].logSeq = Number(rows[i].log_seq);
  }
  return { events: sequenced, envelopes };
}
