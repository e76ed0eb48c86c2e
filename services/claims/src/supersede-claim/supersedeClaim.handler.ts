import { randomUUID } from 'node:crypto';
import { handleCommand } from '@ledger/ledger';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import { claimsError } from '../claimsError';
import { claimStreamId, type ClaimEvent } from '../claims/claimEvents';
import type { ClaimState } from '../claims/claimState';
import { decideAssertClaim, decideSupersedeClaim } from '../claims/decideClaim';
import { requireId } from '../validation';
import { configOf, type CommandDeps } from '../app/claimsDeps';
import type { SupersedeClaimInput } from '../app/claimsInputs';
import type { SupersedeReceipt } from '../app/claimsViews';
import { awaitViews, commandEvents } from '@ledger/host';
import { revisionAfter, toNewEvents } from '../app/commands';
import { claimStream, expectedAt, loadClaim, type Loaded } from '../app/streams';
import { checkExpected, namedEntities } from '../app/claimChecks';

/**
 * Supersession writes two streams, and the ledger appends one stream at a time: first the old
 * claim's `ClaimSuperseded` at the revision read, which is what decides a race (exactly one
 * supersession of a revision wins), then the replacement's `ClaimAsserted` on a new stream. If
 * the second append is lost (a crash in between), repeating the request with the same
 * replacement id completes it.
 */
export async function supersedeClaim(
  deps: CommandDeps,
  ctx: RequestContext,
  claimId: string,
  input: SupersedeClaimInput,
): Promise<SupersedeReceipt> {
  requireId('claimId', claimId);
  const replacementId = requireId('replacement.claimId', input.replacement.claimId ?? randomUUID());
  let replacement: ReplacementPlan = { events: [], expectedRevision: 'no_stream' };
  // Not runCommand: read-your-writes waits once, for both streams' appends.
  const ended = await handleCommand(deps.store, {
    ...claimStream(claimId),
    orgId: ctx.orgId,
    metadata: eventMetadata(ctx),
    decide: async (state, stream) => {
      const decision = await decideSupersession(deps, ctx, { claimId, replacementId, input }, { state, ...stream });
      replacement = decision.replacement;
      return commandEvents(decision.superseded);
    },
  });
  const asserted = await deps.store.append({
    orgId: ctx.orgId,
    streamId: claimStreamId(replacementId),
    expectedRevision: replacement.expectedRevision,
    events: toNewEvents(replacement.events, ctx),
  });
  await awaitViews(deps.waiter, ctx, [...(ended.appended?.positions ?? []), ...asserted.positions]);
  return receipt(claimId, revisionAfter(ended), replacementId, asserted.lastRevision);
}

interface ReplacementPlan {
  events: ClaimEvent[];
  expectedRevision: number | 'no_stream';
}

/**
 * What a supersession appends: `ClaimSuperseded` to the old claim (nothing when completing an
 * interrupted one) and the replacement's `ClaimAsserted`, at the replacement revision read.
 */
async function decideSupersession(
  deps: CommandDeps,
  ctx: RequestContext,
  ids: { claimId: string; replacementId: string; input: SupersedeClaimInput },
  old: Loaded<ClaimState>,
): Promise<{ superseded: ClaimEvent[]; replacement: ReplacementPlan }> {
  const { claimId, replacementId, input } = ids;
  const next = await loadClaim(deps.store, ctx.orgId, replacementId);
  const interrupted = isInterrupted(old, next, replacementId, input);
  if (!interrupted) checkExpected(claimId, old, input.expectedRevision);
  const subjectEntityId = input.replacement.subjectEntityId ?? old.state.subjectEntityId ?? '';
  const { predicate, object, spanIds } = input.replacement;
  const replacement = { orgId: ctx.orgId, claimId: replacementId, subjectEntityId, predicate, object, spanIds };
  const facts = await deps.facts.lookup(ctx.orgId, namedEntities(subjectEntityId, object), spanIds);
  if (interrupted) {
    if (subjectEntityId !== old.state.subjectEntityId) {
      throw claimsError(
        'CLAIMS.INVALID_FIELD',
        'replacement.subjectEntityId',
        "must equal the superseded claim's subject",
      );
    }
    const events = decideAssertClaim(next.state, replacement, facts, configOf(deps), claimId, 'replacement.');
    return { superseded: [], replacement: { events, expectedRevision: 'no_stream' } };
  }
  const command = { claimId, reason: input.reason, replacement };
  const decision = decideSupersedeClaim(old.state, next.state, command, facts, configOf(deps));
  return {
    superseded: decision.superseded,
    replacement: { events: decision.replacement, expectedRevision: expectedAt(next.revision) },
  };
}

/**
 * The old claim is already superseded by exactly this caller-named replacement, which was never
 * asserted: the first attempt stopped between its two appends. A stated expected revision must
 * be the one that attempt superseded.
 */
function isInterrupted(
  old: Loaded<ClaimState>,
  next: Loaded<ClaimState>,
  replacementId: string,
  input: SupersedeClaimInput,
): boolean {
  return (
    input.replacement.claimId !== undefined &&
    old.state.status === 'superseded' &&
    old.state.supersededBy === replacementId &&
    next.state.status === 'absent' &&
    (input.expectedRevision === undefined || input.expectedRevision === old.revision - 1)
  );
}

function receipt(claimId: string, revision: number, replacementId: string, replacementRevision: number) {
  return {
    claimId,
    status: 'superseded' as const,
    revision,
    supersededBy: replacementId,
    replacement: { claimId: replacementId, status: 'current' as const, revision: replacementRevision },
  };
}
