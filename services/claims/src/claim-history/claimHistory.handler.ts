import { readRecordHistory, type RecordHistory } from '@ledger/ledger';
import type { RequestContext } from '@ledger/tenancy';
import { claimsError } from '../claimsError';
import { CLAIM_ASSERTED, claimStreamId } from '../claims/claimEvents';
import type { ClaimsDeps } from '../app/claimsDeps';

/** Roles that may read sealed reasons and literals, as for the plain read. */
export const CLAIM_READERS: ReadonlySet<string> = new Set(['advisor', 'compliance']);

/** An assertion's personal part is its literal, never a reason. */
export const CLAIM_TYPES_WITHOUT_REASON: ReadonlySet<string> = new Set([CLAIM_ASSERTED]);

/**
 * Every change of a claim from its ledger stream: its assertion, supersession or retraction,
 * and any other event on the stream, each with actor, time and reason; with the retention
 * classes, legal holds and shreds that concern it.
 */
export async function claimHistory(
  deps: Pick<ClaimsDeps, 'store'>,
  ctx: RequestContext,
  claimId: string,
): Promise<RecordHistory> {
  const history = await readRecordHistory(deps.store, ctx.orgId, claimStreamId(claimId), {
    personal: CLAIM_READERS.has(ctx.role) ? 'decrypt' : 'withhold',
    withoutReason: CLAIM_TYPES_WITHOUT_REASON,
  });
  if (!history) throw claimsError('CLAIMS.CLAIM_NOT_FOUND', 'claimId', 'must name an existing claim');
  return history;
}
