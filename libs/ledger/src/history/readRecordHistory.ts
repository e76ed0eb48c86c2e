import type { EventStore } from '../store/eventStore';
import type { PersonalAccess } from '../read/unsealPersonal';
import { complianceHistoryOf, type ComplianceHistoryEntry } from './complianceHistory';
import { historyEntries, readRecordAsOf, type HistoryEntry } from './recordHistory';

/** A record's audit trail: its own versions, and the compliance actions that concern it. */
export interface RecordHistory {
  streamId: string;
  items: HistoryEntry[];
  compliance: ComplianceHistoryEntry[];
}

/**
 * Every version of a record, original and interim, from its stream, with the retention classes,
 * legal holds and shreds that concern it; null when the org has no such stream. `withoutReason`:
 * the record's event types whose personal part is never a reason (see `reasonOfEvent`).
 */
export async function readRecordHistory(
  store: Pick<EventStore, 'readStream'>,
  orgId: string,
  streamId: string,
  options: { personal: PersonalAccess; withoutReason: ReadonlySet<string> },
): Promise<RecordHistory | null> {
  const events = await readRecordAsOf(store, orgId, streamId, { personal: options.personal });
  if (events.length === 0) return null;
  return {
    streamId,
    items: historyEntries(events, options.withoutReason),
    compliance: await complianceHistoryOf(store, orgId, streamId, events, { personal: options.personal }),
  };
}
