import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@ledger/tenancy';
import { decideAddMention, decideCreateEntity, decideRetractMention } from '../entities/decideEntity';
import { entityStreamId } from '../entities/entityEvents';
import { requireId } from '../validation';
import { configOf, type ClaimsDeps } from './claimsDeps';
import type { AddMentionInput, CreateEntityInput, RetractMentionInput } from './claimsInputs';
import type { EntityReceipt, MentionReceipt } from './claimsViews';
import { loadSpans, scopeOf } from './projectionReads';
import { expectedAt, loadEntity, toNewEvents } from './streams';

export async function createEntity(
  deps: ClaimsDeps,
  ctx: RequestContext,
  input: CreateEntityInput,
): Promise<EntityReceipt> {
  const entityId = requireId('entityId', input.entityId ?? randomUUID());
  const { state, revision } = await loadEntity(deps.store, ctx.orgId, entityId);
  const events = decideCreateEntity(state, { entityId, kind: input.kind, label: input.label }, configOf(deps));
  // Appending at the revision read makes a concurrent creation of the same id a version conflict.
  const result = await deps.store.append({
    orgId: ctx.orgId,
    streamId: entityStreamId(entityId),
    expectedRevision: expectedAt(revision),
    events: toNewEvents(events, ctx),
  });
  await deps.waiter.waitFor(ctx.orgId, result.positions);
  return { entityId, kind: input.kind, revision: result.lastRevision };
}

export async function addMention(
  deps: ClaimsDeps,
  ctx: RequestContext,
  entityId: string,
  input: AddMentionInput,
): Promise<MentionReceipt> {
  requireId('entityId', entityId);
  const mentionId = requireId('mentionId', input.mentionId ?? randomUUID());
  const { state, revision } = await loadEntity(deps.store, ctx.orgId, entityId);
  const spans = await loadSpans(deps.pool, await scopeOf(deps.pool, ctx.orgId), [input.spanId]);
  const events = decideAddMention(state, { orgId: ctx.orgId, entityId, mentionId, spanId: input.spanId }, spans);
  if (events.length === 0) {
    // A retry of a mention already added: answer as the first time, append nothing.
    return { entityId, mentionId, span: state.mentions[mentionId].span, retracted: false, revision };
  }
  const result = await deps.store.append({
    orgId: ctx.orgId,
    streamId: entityStreamId(entityId),
    expectedRevision: expectedAt(revision),
    events: toNewEvents(events, ctx),
  });
  await deps.waiter.waitFor(ctx.orgId, result.positions);
  const added = events[0];
  const span = added.type === 'MentionAdded' ? added.data.span : state.mentions[mentionId].span;
  return { entityId, mentionId, span, retracted: false, revision: result.lastRevision };
}

export async function retractMention(
  deps: ClaimsDeps,
  ctx: RequestContext,
  entityId: string,
  mentionId: string,
  input: RetractMentionInput,
): Promise<MentionReceipt> {
  requireId('entityId', entityId);
  requireId('mentionId', mentionId);
  const { state, revision } = await loadEntity(deps.store, ctx.orgId, entityId);
  const events = decideRetractMention(state, { entityId, mentionId, reason: input.reason });
  const span = state.mentions[mentionId].span;
  if (events.length === 0) return { entityId, mentionId, span, retracted: true, revision };
  const result = await deps.store.append({
    orgId: ctx.orgId,
    streamId: entityStreamId(entityId),
    expectedRevision: expectedAt(revision),
    events: toNewEvents(events, ctx),
  });
  await deps.waiter.waitFor(ctx.orgId, result.positions);
  return { entityId, mentionId, span, retracted: true, revision: result.lastRevision };
}
