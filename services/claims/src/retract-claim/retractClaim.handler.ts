import type { RequestContext } from '@ledger/tenancy';
import { decideRetractClaim } from '../claims/decideClaim';
import { requireId } from '../validation';
import type { CommandDeps } from '../app/claimsDeps';
import type { RetractClaimInput } from '../app/claimsInputs';
import type { ClaimReceipt } from '../app/claimsViews';
import { commandEvents, runCommand } from '@ledger/host';
import { revisionAfter } from '../app/commands';
import { claimStream } from '../app/streams';
import { checkExpected } from '../app/claimChecks';

export async function retractClaim(
  deps: CommandDeps,
  ctx: RequestContext,
  claimId: string,
  input: RetractClaimInput,
): Promise<ClaimReceipt> {
  requireId('claimId', claimId);
  const result = await runCommand(deps, ctx, {
    ...claimStream(claimId),
    decide: (state, stream) => {
      checkExpected(claimId, { state, revision: stream.revision }, input.expectedRevision);
      return commandEvents(decideRetractClaim(state, { claimId, reason: input.reason }));
    },
  });
  return { claimId, status: 'retracted', revision: revisionAfter(result) };
}
