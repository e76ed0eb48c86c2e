import { historyEntries, readRecordAsOf, type HistoryEntry } from '@ledger/ledger';
import type { RequestContext } from '@ledger/tenancy';
import { briefStreamId } from '../compose/composeBrief';
import { checkId } from '../compose-brief/composeInput';
import type { MeetingPrepDeps } from '../meetingPrep.deps';
import { BRIEF_COMPOSED } from '../record/briefEvents';
import { briefNotFound } from './readBrief.handler';

/** A brief's personal part is its text, never a reason. */
const WITHOUT_REASON: ReadonlySet<string> = new Set([BRIEF_COMPOSED]);

export interface BriefHistory {
  streamId: string;
  items: HistoryEntry[];
}

/**
 * The changes of a brief's ledger stream: its composition (a brief is never edited) and any
 * later event on it (retention changes, holds, shredding), each with actor, time and reason.
 * Reading the history shows no text of the brief, so it is not recorded as a view.
 */
export async function briefHistory(
  deps: Pick<MeetingPrepDeps, 'ledger'>,
  ctx: RequestContext,
  briefId: string,
): Promise<BriefHistory> {
  checkId(briefId, 'briefId');
  const streamId = briefStreamId(briefId);
  const events = await readRecordAsOf(deps.ledger, ctx.orgId, streamId, { personal: 'decrypt' });
  if (events.length === 0) throw briefNotFound(briefId);
  return { streamId, items: historyEntries(events, WITHOUT_REASON) };
}
