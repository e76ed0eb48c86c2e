import { verifyOrg, type VerificationReport } from '@ledger/ledger';
import type { RequestContext } from '@ledger/tenancy';
import type { AuditDeps } from '../audit.deps';

/** Findings kept in an API report; the rest are counted in `truncated`. */
const MAX_FINDINGS = 100;

/**
 * Verifies the token's org end to end (every leaf re-hashed, every signed tree head checked)
 * against the configured public keys, never against keys read from the database it checks.
 */
export function verifyLedger(
  deps: Pick<AuditDeps, 'pool' | 'trustedKeys'>,
  ctx: RequestContext,
): Promise<VerificationReport> {
  return verifyOrg({
    pool: deps.pool,
    orgId: ctx.orgId,
    publicKeys: deps.trustedKeys,
    maxFindings: MAX_FINDINGS,
  });
}
