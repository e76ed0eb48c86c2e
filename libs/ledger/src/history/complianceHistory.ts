import type { JsonObject, RecordedEvent } from '../events/types';
import type { EventStore } from '../store/eventStore';
import { COMPLIANCE_STREAM } from '../retention/complianceEvents';
import { readRecordAsOf, reasonOfEvent, type RecordReadOptions, type ReasonState } from './recordHistory';

/** A compliance action recorded outside the record's own stream that concerns it. */
export interface ComplianceHistoryEntry {
  /** The stream it was recorded in, such as `audit-compliance`. */
  streamId: string;
  eventId: string;
  type: string;
  schemaVersion: number;
  actor: string;
  at: string;
  reason: string | null;
  reasonState: ReasonState;
  /** Its clear payload (ids, scope, durations: never personal). */
  data: JsonObject;
}

function text(data: JsonObject, field: string): string | null {
  const value = data[field];
  return typeof value === 'string' ? value : null;
}

/** Whether a hold, as `LegalHoldPlaced` records its scope, covers the stream (the rule of `holdsCovering`). */
function holdCovers(data: JsonObject, streamId: string, recordTimes: readonly number[]): boolean {
  const separator = streamId.indexOf('-');
  switch (data.scope) {
    case 'stream':
      return text(data, 'streamId') === streamId;
    case 'category':
      return text(data, 'category') === streamId.slice(0, separator);
    case 'entity':
      return text(data, 'entityId') === streamId.slice(separator + 1);
    case 'time-range': {
      const from = Date.parse(text(data, 'from') ?? '');
      const to = Date.parse(text(data, 'to') ?? '');
      return recordTimes.some((time) => time >= from && time < to);
    }
    default:
      return false;
  }
}

/**
 * The org's compliance actions that concern one record: the retention classes set for its
 * category, the legal holds whose scope covers it (placed and released), and any other action
 * naming the stream in its clear `streamId` (a shred, an erasure). They live in the org's
 * `audit-compliance` stream, not the record's, because one action may cover many records.
 * `recordEvents` are the record's own events, which decide a time-range hold's coverage.
 */
export async function complianceHistoryOf(
  store: Pick<EventStore, 'readStream'>,
  orgId: string,
  streamId: string,
  recordEvents: readonly RecordedEvent[],
  options: RecordReadOptions = {},
): Promise<ComplianceHistoryEntry[]> {
  const category = streamId.slice(0, streamId.indexOf('-'));
  const recordTimes = recordEvents.map((event) => Date.parse(event.recordedAt));
  const holds = new Set<string>();
  const concerning = (await readRecordAsOf(store, orgId, COMPLIANCE_STREAM, options)).filter((event) => {
    const holdId = text(event.data, 'holdId');
    switch (event.type) {
      case 'RetentionClassSet':
        return text(event.data, 'category') === category;
      case 'LegalHoldPlaced':
        if (holdId === null || !holdCovers(event.data, streamId, recordTimes)) return false;
        holds.add(holdId);
        return true;
      case 'LegalHoldReleased':
        return holdId !== null && holds.has(holdId);
      default:
        return text(event.data, 'streamId') === streamId;
    }
  });
  return concerning.map((event) => ({
    streamId: event.streamId,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    actor: event.metadata.actor,
    at: event.recordedAt,
    ...reasonOfEvent(event, new Set()),
    data: event.data,
  }));
}
