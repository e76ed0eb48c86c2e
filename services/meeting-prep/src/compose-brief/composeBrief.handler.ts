import { randomUUID } from 'node:crypto';
import { awaitViews } from '@ledger/host';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import type { BriefOptions } from '../compose/briefInput';
import { composeBrief } from '../compose/composeBrief';
import { meetingWindow } from '../compose/meetingWindow';
import { buildBriefRequest, personalEventIds } from './buildBriefRequest';
import { briefViewOf, type BriefView } from '../record/briefView';
import { catchUp } from './catchUp';
import { checkComposeInput, type ComposeBriefInput } from './composeInput';
import { gatherSources } from '../sources/gatherSources';
import type { MeetingPrepDeps } from '../meetingPrep.deps';
import { decryptEvents } from './personalParts';
import { recordBrief, type ComposedBrief } from './recordBrief';

/** Composes a brief from the org's current state without recording it. */
export async function composeFromLedger(
  deps: MeetingPrepDeps,
  ctx: RequestContext,
  input: ComposeBriefInput,
  options: BriefOptions,
): Promise<ComposedBrief> {
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

/**
 * Composes and records a brief (see `recordBrief` for what is stored and how retries behave),
 * then waits until the read models show the new record (or says they are behind).
 */
export async function composeAndRecord(
  deps: MeetingPrepDeps,
  ctx: RequestContext,
  input: ComposeBriefInput,
  options: BriefOptions,
): Promise<BriefView> {
  const composed = await composeFromLedger(deps, ctx, input, options);
  const recorded = await recordBrief(deps.ledger, ctx.orgId, eventMetadata(ctx), composed);
  if (recorded.positions.length > 0) await awaitViews(deps.waiter, ctx, recorded.positions);
  return briefViewOf(recorded.event);
}
