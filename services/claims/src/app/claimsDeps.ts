import type { Pool } from 'pg';
import type { EventStore } from '@ledger/ledger';
import type { ProjectionWaiter } from '@ledger/projections';
import { DEFAULT_CLAIMS_CONFIG, type ClaimsConfig } from '../config/claimsConfig';

/** What the claims use cases need: the ledger, the pool its read models live in, and read-your-writes. */
export interface ClaimsDeps {
  /** Appends and stream reads; the PostgreSQL ledger in production, the in-memory store in use-case tests. */
  store: EventStore;
  pool: Pool;
  /** Waits for the claims projection (at least) to apply an append before a command answers. */
  waiter: ProjectionWaiter;
  /** Entity kinds and predicates; the defaults when absent. */
  config?: ClaimsConfig;
}

export function configOf(deps: ClaimsDeps): ClaimsConfig {
  return deps.config ?? DEFAULT_CLAIMS_CONFIG;
}
