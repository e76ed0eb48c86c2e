import { readRecordHistory, type RecordHistory } from '@ledger/ledger';
import type { RequestContext } from '@ledger/tenancy';
import { briefStreamId } from '../compose/composeBrief';
import { checkId } from '../compose-brief/composeInput';
import type { MeetingPrepDeps } from '../meetingPrep.deps';
import { BRIEF_COMPOSED } from '../record/briefEvents';
import { briefNotFound } from './readBrief.handler';

/** A brief's personal part is its text, never a reason. */
const WITHOUT_REASON: ReadonlySet<string> = new Set([BRIEF_COMPOSED]);

/**
 * The changes of a brief's ledger stream: its composition (a brief is never edited) and any
 * later event on it, each with actor, time and reason; with the retention classes, legal holds
 * and shreds that concern it. The history shows no text of the brief, so reading it is not
 * recorded as a view.
 */
export async function briefHistory(
  deps: Pick<MeetingPrepDeps, 'ledger'>,
  ctx: RequestContext,
  briefId: string,
): Promise<RecordHistory> {
  checkId(briefId, 'briefId');
  const history = await readRecordHistory(deps.ledger, ctx.orgId, briefStreamId(briefId), {
    personal: 'decrypt',
    withoutReason: WITHOUT_REASON,
  });
  if (!history) throw briefNotFound(briefId);
  return history;
}
