import { readRecordAsOf, type RecordedEvent } from '@ledger/ledger';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import { briefStreamId } from '../compose/composeBrief';
import { meetingPrepError } from '../meetingPrepError';
import { BRIEF_COMPOSED, BRIEF_VIEWED, briefAccessStreamId } from '../record/briefEvents';
import { briefViewOf, type BriefView } from '../record/briefView';
import { checkId } from '../compose-brief/composeInput';
import type { MeetingPrepDeps } from '../meetingPrep.deps';

/**
 * The BriefComposed event of a brief of this org, decrypted; null when there is none, or with
 * `asOf` when it was recorded after that instant.
 */
export async function readBriefEvent(
  deps: Pick<MeetingPrepDeps, 'ledger'>,
  orgId: string,
  briefId: string,
  asOf?: Date,
): Promise<RecordedEvent | null> {
  const events = await readRecordAsOf(deps.ledger, orgId, briefStreamId(briefId), { asOf, personal: 'decrypt' });
  return events.find((event) => event.type === BRIEF_COMPOSED) ?? null;
}

export function briefNotFound(briefId: string) {
  return meetingPrepError('MEETING_PREP.BRIEF_NOT_FOUND', 'briefId', 'must name a brief of this org', { briefId });
}

/**
 * A stored brief, read from the ledger (the record, not a read model: bullets are immutable and
 * survive any rebuild), its hash re-checked. The read is recorded as `BriefViewed` and the
 * record is durable before the brief is returned. An erased brief is returned without texts
 * (personalState 'erased'), and its viewing is recorded too. With `asOf`, the brief as its
 * stream stood then: a brief is immutable, so that is the brief itself once it was composed,
 * and not found before.
 */
export async function readBrief(
  deps: MeetingPrepDeps,
  ctx: RequestContext,
  briefId: string,
  now: () => Date,
  asOf?: Date,
): Promise<BriefView> {
  checkId(briefId, 'briefId');
  const event = await readBriefEvent(deps, ctx.orgId, briefId, asOf);
  if (!event) throw briefNotFound(briefId);
  const view = briefViewOf(event);
  await deps.access.record(ctx.orgId, briefAccessStreamId(now()), {
    type: BRIEF_VIEWED,
    data: { briefId },
    metadata: eventMetadata(ctx, event.eventId),
  });
  return view;
}
