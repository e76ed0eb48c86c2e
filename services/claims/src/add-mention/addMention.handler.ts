import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@ledger/tenancy';
import { decideAddMention } from '../entities/decideEntity';
import { MENTION_ADDED, type EntityEvent } from '../entities/entityEvents';
import { requireId } from '../validation';
import type { CommandDeps } from '../app/claimsDeps';
import type { AddMentionInput } from '../app/claimsInputs';
import type { MentionReceipt } from '../app/claimsViews';
import { commandEvents, runCommand } from '@ledger/host';
import { revisionAfter } from '../app/commands';
import { entityStream } from '../app/streams';

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
