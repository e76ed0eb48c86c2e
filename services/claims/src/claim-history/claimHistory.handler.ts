import { historyEntries, readRecordAsOf, type HistoryEntry } from '@ledger/ledger';
import type { RequestContext } from '@ledger/tenancy';
import { claimsError } from '../claimsError';
import { CLAIM_ASSERTED, claimStreamId } from '../claims/claimEvents';
import type { ClaimsDeps } from '../app/claimsDeps';

/** Roles that may read sealed reasons and literals, as for the plain read. */
export const CLAIM_READERS: ReadonlySet<string> = new Set(['advisor', 'compliance']);

/** An assertion's personal part is its literal, never a reason. */
export const CLAIM_TYPES_WITHOUT_REASON: ReadonlySet<string> = new Set([CLAIM_ASSERTED]);

export interface ClaimHistory {
  streamId: string;
  items: HistoryEntry[];
}

/**
 * Every change of a claim from its ledger stream: its assertion, supersession or retraction,
 * and any other event on the stream (retention changes, holds, shredding), each with actor,
 * time and reason.
 */
export async function claimHistory(
  deps: Pick<ClaimsDeps, 'store'>,
  ctx: RequestContext,
  claimId: string,
): Promise<ClaimHistory> {
  const streamId = claimStreamId(claimId);
  const events = await readRecordAsOf(deps.store, ctx.orgId, streamId, {
    personal: CLAIM_READERS.has(ctx.role) ? 'decrypt' : 'withhold',
  });
  if (events.length === 0) throw claimsError('CLAIMS.CLAIM_NOT_FOUND', 'claimId', 'must name an existing claim');
  return { streamId, items: historyEntries(events, CLAIM_TYPES_WITHOUT_REASON) };
}
