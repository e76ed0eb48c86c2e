import { randomUUID } from 'node:crypto';
import { LedgerError } from '@ledger/ledger';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import type { Brief } from '../brief/brief';
import type { BriefOptions } from '../compose/briefInput';
import { briefStreamId, composeBrief } from '../compose/composeBrief';
import { meetingWindow } from '../compose/meetingWindow';
import { meetingPrepError } from '../meetingPrepError';
import { BRIEF_COMPOSED, briefComposedData, briefComposedPersonal } from '../record/briefEvents';
import { buildBriefRequest, personalEventIds } from './buildBriefRequest';
import { briefViewOf, type BriefView } from './briefView';
import { catchUp } from './catchUp';
import { checkComposeInput, type ComposeBriefInput } from './composeInput';
import { gatherSources } from './gatherSources';
import type { MeetingPrepDeps } from './meetingPrepDeps';
import { decryptEvents } from './personalParts';
import { readBriefEvent } from './readBrief';

/** Composes a brief from the org's current state without recording it. */
export async function composeFromLedger(
  deps: MeetingPrepDeps,
  ctx: RequestContext,
  input: ComposeBriefInput,
  options: BriefOptions,
): Promise<{ brief: Brief; readModelSeq: number | null }> {
  const checked = checkComposeInput(input, options.window);
  const briefOptions = { ...options, window: checked.window };
  const window = meetingWindow(checked.meetingDate, checked.window);
  await catchUp(deps, ctx.orgId);
  const snapshot = await gatherSources(deps.pool, ctx.orgId, checked.subjectEntityId, window);
  const decrypted = await decryptEvents(deps.ledger, ctx.orgId, personalEventIds(snapshot));
  const briefId = checked.briefId ?? randomUUID();
  const request = buildBriefRequest(ctx.orgId, briefId, checked.meetingDate, snapshot, decrypted);
  return { brief: composeBrief(request, briefOptions), readModelSeq: snapshot.readModelSeq };
}

function isVersionConflict(error: unknown): boolean {
  return error instanceof LedgerError && error.code === 'LEDGER.VERSION_CONFLICT';
}

/**
 * Composes and records a brief: `BriefComposed` on a new `brief-<briefId>` stream (ids,
 * citations, sources and hash in clear; the brief with its texts in the personal part). A
 * retry with the same id and the same content returns the stored brief; different content under
 * a taken id is MEETING_PREP.BRIEF_EXISTS.
 */
export async function composeAndRecord(
  deps: MeetingPrepDeps,
  ctx: RequestContext,
  input: ComposeBriefInput,
  options: BriefOptions,
): Promise<BriefView> {
  const { brief, readModelSeq } = await composeFromLedger(deps, ctx, input, options);
  const streamId = briefStreamId(brief.briefId);
  try {
    const result = await deps.ledger.append({
      orgId: ctx.orgId,
      streamId,
      expectedRevision: 'no_stream',
      events: [
        {
          type: BRIEF_COMPOSED,
          data: briefComposedData(brief, readModelSeq),
          personal: briefComposedPersonal(brief),
          metadata: eventMetadata(ctx),
        },
      ],
    });
    await deps.waiter.waitFor(ctx.orgId, result.positions);
    const [stored] = await deps.ledger.readEvents(ctx.orgId, result.eventIds, 'decrypt');
    return briefViewOf(stored);
  } catch (error) {
    if (!isVersionConflict(error)) throw error;
    const stored = await readBriefEvent(deps, ctx.orgId, brief.briefId);
    if (stored && stored.data.contentHash === brief.contentHash) return briefViewOf(stored);
    throw meetingPrepError('MEETING_PREP.BRIEF_EXISTS', 'briefId', 'must not name an existing brief', {
      briefId: brief.briefId,
    });
  }
}
