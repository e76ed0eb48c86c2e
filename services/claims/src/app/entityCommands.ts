import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@ledger/tenancy';
import { decideAddMention, decideCreateEntity, decideRetractMention } from '../entities/decideEntity';
import { MENTION_ADDED, type EntityEvent } from '../entities/entityEvents';
import { requireId } from '../validation';
import { configOf, type CommandDeps } from './claimsDeps';
import type { AddMentionInput, CreateEntityInput, RetractMentionInput } from './claimsInputs';
import type { EntityReceipt, MentionReceipt } from './claimsViews';
import { commandEvents, revisionAfter, runCommand } from './runCommand';
import { entityStream } from './streams';

export async function createEntity(
  deps: CommandDeps,
  ctx: RequestContext,
  input: CreateEntityInput,
): Promise<EntityReceipt> {
  const entityId = requireId('entityId', input.entityId ?? randomUUID());
  // Appending at the revision read makes a concurrent creation of the same id a version conflict.
  const result = await runCommand(deps, ctx, {
    ...entityStream(entityId),
    decide: (state) =>
      commandEvents(decideCreateEntity(state, { entityId, kind: input.kind, label: input.label }, configOf(deps))),
  });
  return { entityId, kind: input.kind, revision: revisionAfter(result) };
}

export async function addMention(
  deps: CommandDeps,
  ctx: RequestContext,
  entityId: string,
  input: AddMentionInput,
): Promise<MentionReceipt> {
  requireId('entityId', entityId);
  const mentionId = requireId('mentionId', input.mentionId ?? randomUUID());
  let decided: EntityEvent[] = [];
  const result = await runCommand(deps, ctx, {
    ...entityStream(entityId),
    decide: async (state) => {
      const { spans } = await deps.facts.lookup(ctx.orgId, [], [input.spanId]);
      decided = decideAddMention(state, { orgId: ctx.orgId, entityId, mentionId, spanId: input.spanId }, spans);
      return commandEvents(decided);
    },
  });
  // A retry of a mention already added appends nothing and answers as the first time.
  const added = decided[0];
  const span = added?.type === MENTION_ADDED ? added.data.span : result.state.mentions[mentionId].span;
  return { entityId, mentionId, span, retracted: false, revision: revisionAfter(result) };
}

export async function retractMention(
  deps: CommandDeps,
  ctx: RequestContext,
  entityId: string,
  mentionId: string,
  input: RetractMentionInput,
): Promise<MentionReceipt> {
  requireId('entityId', entityId);
  requireId('mentionId', mentionId);
  const result = await runCommand(deps, ctx, {
    ...entityStream(entityId),
    decide: (state) => commandEvents(decideRetractMention(state, { entityId, mentionId, reason: input.reason })),
  });
  const span = result.state.mentions[mentionId].span;
  return { entityId, mentionId, span, retracted: true, revision: revisionAfter(result) };
}
