import { randomUUID } from 'node:crypto';
import { VersionConflictError } from '@ledger/ledger';
import type { RequestContext } from '@ledger/tenancy';
import { claimsError } from '../claimsError';
import { claimStreamId, type ClaimObject } from '../claims/claimEvents';
import type { ClaimState } from '../claims/claimState';
import { decideAssertClaim, decideRetractClaim, decideSupersedeClaim, type ClaimFacts } from '../claims/decideClaim';
import { requireId } from '../validation';
import { configOf, type ClaimsDeps } from './claimsDeps';
import type { AssertClaimInput, RetractClaimInput, SupersedeClaimInput } from './claimsInputs';
import type { ClaimReceipt, SupersedeReceipt } from './claimsViews';
import { loadEntities, loadSpans, scopeOf } from './projectionReads';
import { expectedAt, loadClaim, toNewEvents, type Loaded } from './streams';

/** The entities and spans a relation names, looked up in this org's read model. */
async function factsFor(
  deps: ClaimsDeps,
  orgId: string,
  subjectEntityId: unknown,
  object: ClaimObject | undefined,
  spanIds: unknown,
): Promise<ClaimFacts> {
  const scope = await scopeOf(deps.pool, orgId);
  const entityIds = [subjectEntityId, object?.kind === 'entity' ? object.entityId : undefined];
  const spans = Array.isArray(spanIds) ? (spanIds as unknown[]) : [];
  const [entities, spanFacts] = await Promise.all([
    loadEntities(deps.pool, scope, entityIds),
    loadSpans(deps.pool, scope, spans),
  ]);
  return { entities, spans: spanFacts };
}

/**
 * A caller that states the revision it saw gets a conflict when the claim moved on since, even
 * if the change would still allow its command: it decided on a state that no longer holds.
 */
function checkExpected(claimId: string, loaded: Loaded<ClaimState>, expected: number | undefined): void {
  if (loaded.state.status === 'absent') {
    throw claimsError('CLAIMS.CLAIM_NOT_FOUND', 'claimId', 'must name an existing claim');
  }
  if (expected !== undefined && expected !== loaded.revision) {
    throw new VersionConflictError(claimStreamId(claimId), expected, loaded.revision);
  }
}

export async function assertClaim(
  deps: ClaimsDeps,
  ctx: RequestContext,
  input: AssertClaimInput,
): Promise<ClaimReceipt> {
  const claimId = requireId('claimId', input.claimId ?? randomUUID());
  const { state, revision } = await loadClaim(deps.store, ctx.orgId, claimId);
  const facts = await factsFor(deps, ctx.orgId, input.subjectEntityId, input.object, input.spanIds);
  const command = { ...input, orgId: ctx.orgId, claimId };
  const events = decideAssertClaim(state, command, facts, configOf(deps));
  const result = await deps.store.append({
    orgId: ctx.orgId,
    streamId: claimStreamId(claimId),
    expectedRevision: expectedAt(revision),
    events: toNewEvents(events, ctx),
  });
  await deps.waiter.waitFor(ctx.orgId, result.positions);
  return { claimId, status: 'current', revision: result.lastRevision };
}

/**
 * Supersession writes two streams, and the ledger appends one stream at a time: first the old
 * claim's `ClaimSuperseded` at the revision read, which is what decides a race (exactly one
 * supersession of a revision wins), then the replacement's `ClaimAsserted` on a new stream. If
 * the second append is lost (a crash in between), repeating the request with the same
 * replacement id completes it.
 */
export async function supersedeClaim(
  deps: ClaimsDeps,
  ctx: RequestContext,
  claimId: string,
  input: SupersedeClaimInput,
): Promise<SupersedeReceipt> {
  requireId('claimId', claimId);
  const replacementId = requireId('replacement.claimId', input.replacement.claimId ?? randomUUID());
  const old = await loadClaim(deps.store, ctx.orgId, claimId);
  const next = await loadClaim(deps.store, ctx.orgId, replacementId);
  const interrupted = isInterrupted(old, next, replacementId, input);
  if (!interrupted) checkExpected(claimId, old, input.expectedRevision);
  const subjectEntityId = input.replacement.subjectEntityId ?? old.state.subjectEntityId ?? '';
  const { predicate, object, spanIds } = input.replacement;
  const replacement = { orgId: ctx.orgId, claimId: replacementId, subjectEntityId, predicate, object, spanIds };
  const facts = await factsFor(deps, ctx.orgId, subjectEntityId, object, spanIds);

  if (interrupted) {
    if (subjectEntityId !== old.state.subjectEntityId) {
      throw claimsError(
        'CLAIMS.INVALID_FIELD',
        'replacement.subjectEntityId',
        "must equal the superseded claim's subject",
      );
    }
    const events = decideAssertClaim(next.state, replacement, facts, configOf(deps), claimId, 'replacement.');
    const result = await deps.store.append({
      orgId: ctx.orgId,
      streamId: claimStreamId(replacementId),
      expectedRevision: 'no_stream',
      events: toNewEvents(events, ctx),
    });
    await deps.waiter.waitFor(ctx.orgId, result.positions);
    return receipt(claimId, old.revision, replacementId, result.lastRevision);
  }

  const decision = decideSupersedeClaim(
    old.state,
    next.state,
    { claimId, reason: input.reason, replacement },
    facts,
    configOf(deps),
  );
  const ended = await deps.store.append({
    orgId: ctx.orgId,
    streamId: claimStreamId(claimId),
    expectedRevision: old.revision,
    events: toNewEvents(decision.superseded, ctx),
  });
  const asserted = await deps.store.append({
    orgId: ctx.orgId,
    streamId: claimStreamId(replacementId),
    expectedRevision: expectedAt(next.revision),
    events: toNewEvents(decision.replacement, ctx),
  });
  await deps.waiter.waitFor(ctx.orgId, [...ended.positions, ...asserted.positions]);
  return receipt(claimId, ended.lastRevision, replacementId, asserted.lastRevision);
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

export async function retractClaim(
  deps: ClaimsDeps,
  ctx: RequestContext,
  claimId: string,
  input: RetractClaimInput,
): Promise<ClaimReceipt> {
  requireId('claimId', claimId);
  const loaded = await loadClaim(deps.store, ctx.orgId, claimId);
  checkExpected(claimId, loaded, input.expectedRevision);
  const events = decideRetractClaim(loaded.state, { claimId, reason: input.reason });
  const result = await deps.store.append({
    orgId: ctx.orgId,
    streamId: claimStreamId(claimId),
    expectedRevision: loaded.revision,
    events: toNewEvents(events, ctx),
  });
  await deps.waiter.waitFor(ctx.orgId, result.positions);
  return { claimId, status: 'retracted', revision: result.lastRevision };
}
