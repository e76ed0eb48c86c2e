import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@ledger/tenancy';
import { decideAssertClaim } from '../claims/decideClaim';
import { requireId } from '../validation';
import { configOf, type CommandDeps } from '../app/claimsDeps';
import type { AssertClaimInput } from '../app/claimsInputs';
import type { ClaimReceipt } from '../app/claimsViews';
import { commandEvents, runCommand } from '@ledger/host';
import { revisionAfter } from '../app/commands';
import { claimStream } from '../app/streams';
import { namedEntities } from '../app/claimChecks';

export async function assertClaim(
  deps: CommandDeps,
  ctx: RequestContext,
  input: AssertClaimInput,
): Promise<ClaimReceipt> {
  const claimId = requireId('claimId', input.claimId ?? randomUUID());
  const command = { ...input, orgId: ctx.orgId, claimId };
  const result = await runCommand(deps, ctx, {
    ...claimStream(claimId),
    decide: async (state) => {
      const facts = await deps.facts.lookup(
        ctx.orgId,
        namedEntities(input.subjectEntityId, input.object),
        input.spanIds,
      );
      return commandEvents(decideAssertClaim(state, command, facts, configOf(deps)));
    },
  });
  return { claimId, status: 'current', revision: revisionAfter(result) };
}
