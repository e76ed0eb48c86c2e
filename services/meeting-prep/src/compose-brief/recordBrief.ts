import {
  handleCommand,
  type CommandStore,
  type EventMetadata,
  type EventStore,
  type RecordedEvent,
} from '@ledger/ledger';
import type { Brief } from '../brief/brief';
import { briefStreamId } from '../compose/composeBrief';
import { meetingPrepError } from '../meetingPrepError';
import { BRIEF_COMPOSED, briefComposedData, briefComposedPersonal } from '../record/briefEvents';

/** What recording needs of the store: the command cycle and reading the record back decrypted. */
export type BriefStore = CommandStore & Pick<EventStore, 'readEvents'>;

export interface ComposedBrief {
  brief: Brief;
  /** The per-org sequence the read models had applied when the brief read them. */
  readModelSeq: number | null;
}

export interface RecordedBrief {
  /** The BriefComposed event, personal part decrypted. */
  event: RecordedEvent;
  /** Where this call appended; empty when the same brief was already recorded. */
  positions: number[];
}

/** The brief's stream as the decision sees it: its BriefComposed event, if any. */
type BriefRecord = RecordedEvent | null;

function briefExists(briefId: string) {
  return meetingPrepError('MEETING_PREP.BRIEF_EXISTS', 'briefId', 'must not name an existing brief', { briefId });
}

/**
 * Records a composed brief as `BriefComposed` on a new `brief-<briefId>` stream (ids, citations,
 * sources and hash in clear; the brief with its texts in the personal part). A retry with the
 * same id and the same content returns the stored brief; different content under a taken id,
 * or a taken stream holding no brief, is MEETING_PREP.BRIEF_EXISTS.
 */
export async function recordBrief(
  store: BriefStore,
  orgId: string,
  metadata: EventMetadata,
  { brief, readModelSeq }: ComposedBrief,
): Promise<RecordedBrief> {
  const result = await handleCommand<BriefRecord>(store, {
    orgId,
    streamId: briefStreamId(brief.briefId),
    initialState: () => null,
    evolve: (record, event) => record ?? (event.type === BRIEF_COMPOSED ? event : null),
    decide: (record, stream) => {
      if (stream.revision < 0) {
        return [
          {
            type: BRIEF_COMPOSED,
            data: briefComposedData(brief, readModelSeq),
            personal: briefComposedPersonal(brief),
          },
        ];
      }
      if (record !== null && record.data.contentHash === brief.contentHash) return [];
      throw briefExists(brief.briefId);
    },
    metadata,
  });
  const eventId = result.appended?.eventIds[0] ?? result.state?.eventId;
  const [event] = eventId === undefined ? [] : await store.readEvents(orgId, [eventId], 'decrypt');
  // Unreachable while the store keeps what it acknowledged; a clear error beats an undefined brief.
  if (event === undefined) throw new Error(`brief ${brief.briefId} was recorded but cannot be read back`);
  return { event, positions: result.appended?.positions ?? [] };
}
