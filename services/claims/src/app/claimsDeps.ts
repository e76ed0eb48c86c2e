import type { Pool } from 'pg';
import type { Ledger } from '@ledger/ledger';
import type { ProjectionWaiter } from '@ledger/projections';
import { DEFAULT_CLAIMS_CONFIG, type ClaimsConfig } from '../config/claimsConfig';

/** What the claims use cases need: the ledger, the pool its read models live in, and read-your-writes. */
export interface ClaimsDeps {
  ledger: Ledger;
  pool: Pool;
  /** Waits for the claims projection (at least) to apply an append before a command answers. */
  waiter: ProjectionWaiter;
  /** Entity kinds and predicates; the defaults when absent. */
  config?: ClaimsConfig;
}

export function configOf(deps: ClaimsDeps): ClaimsConfig {
  return deps.config ?? DEFAULT_CLAIMS_CONFIG;
}
