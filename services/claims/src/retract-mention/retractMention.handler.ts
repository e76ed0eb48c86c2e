import type { RequestContext } from '@ledger/tenancy';
import { decideRetractMention } from '../entities/decideEntity';
import { requireId } from '../validation';
import type { CommandDeps } from '../app/claimsDeps';
import type { RetractMentionInput } from '../app/claimsInputs';
import type { MentionReceipt } from '../app/claimsViews';
import { commandEvents, runCommand } from '@ledger/host';
import { revisionAfter } from '../app/commands';
import { entityStream } from '../app/streams';

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
