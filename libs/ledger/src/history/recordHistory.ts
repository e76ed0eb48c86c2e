import type { RecordedEvent } from '../events/types';
import type { EventStore } from '../store/eventStore';
import type { PersonalAccess } from '../read/unsealPersonal';

/** `none`: the change carries no reason; `erased`: its sealed reason was crypto-shredded; `withheld`: not for this reader. */
export type ReasonState = 'none' | 'present' | 'erased' | 'withheld';

/** One change of a record: who made it, when, and why, from the ledger event itself. */
export interface HistoryEntry {
  /** 1 for the event that created the record, then one more per change (its stream revision + 1). */
  version: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  actor: string;
  /** When the ledger recorded the change (ISO 8601 UTC, milliseconds). */
  at: string;
  reason: string | null;
  reasonState: ReasonState;
}

export interface RecordReadOptions {
  /** Only the changes recorded at or before this instant; every change when absent. */
  asOf?: Date;
  personal?: PersonalAccess;
}

/**
 * A record's stream (`<category>-<id>`) as it stood at `asOf`: its events in revision order up to
 * the first one recorded after that instant. Read from the ledger, never a read model, so the
 * answer does not depend on a projection's progress or rebuilds. Empty when the record did not
 * exist yet (or is another org's: streams are read within the org).
 */
export async function readRecordAsOf(
  store: Pick<EventStore, 'readStream'>,
  orgId: string,
  streamId: string,
  options: RecordReadOptions = {},
): Promise<RecordedEvent[]> {
  const limit = options.asOf?.getTime();
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(orgId, streamId, { personal: options.personal ?? 'withhold' })) {
    // Revisions are appended in time order, so the first later one ends the prefix.
    if (limit !== undefined && Date.parse(event.recordedAt) > limit) break;
    events.push(event);
  }
  return events;
}

/**
 * The reason an event carries: in clear `data.reason` (a fixed vocabulary, or events written
 * before reasons were sealed), else sealed `personal.reason`. `withoutReason` names the types
 * that never carry one, so their shredded personal part does not read as a lost reason; any
 * other type with a shredded personal part (one this service does not know, such as a
 * retention change) reads as `erased`, never as an error.
 */
export function reasonOfEvent(
  event: RecordedEvent,
  withoutReason: ReadonlySet<string>,
): Pick<HistoryEntry, 'reason' | 'reasonState'> {
  const clear = event.data.reason;
  if (typeof clear === 'string') return { reason: clear, reasonState: 'present' };
  if (withoutReason.has(event.type)) return { reason: null, reasonState: 'none' };
  switch (event.personalState) {
    case 'present': {
      const sealed = event.personal?.reason;
      return typeof sealed === 'string'
        ? { reason: sealed, reasonState: 'present' }
        : { reason: null, reasonState: 'none' };
    }
    case 'erased':
      return { reason: null, reasonState: 'erased' };
    case 'withheld':
      return { reason: null, reasonState: 'withheld' };
    case 'none':
      return { reason: null, reasonState: 'none' };
  }
}

/** Every version of a record, original and interim, oldest first. */
export function historyEntries(
  events: readonly RecordedEvent[],
  withoutReason: ReadonlySet<string> = new Set(),
): HistoryEntry[] {
  return events.map((event) => ({
    version: event.streamRevision + 1,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    actor: event.metadata.actor,
    at: event.recordedAt,
    ...reasonOfEvent(event, withoutReason),
  }));
}
