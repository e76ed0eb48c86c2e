import type { Pool } from 'pg';
import type { EventStore } from '@ledger/ledger';
import type { ViewWaiter } from '@ledger/host';
import type { ProjectionWaiter } from '@ledger/projections';
import type { ClaimFacts } from '../claims/decideClaim';
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

/** The facts commands decide with, as this org's read models know them. */
export interface FactsLookup {
  /** The named entities and cited spans of the org; ids of other orgs, unknown ids and non-strings are left out. */
  lookup(orgId: string, entityIds: readonly unknown[], spanIds: readonly unknown[]): Promise<ClaimFacts>;
}

/** What a command needs: the store it decides on, the facts it decides with, and read-your-writes. */
export interface CommandDeps {
  store: EventStore;
  waiter: ViewWaiter;
  facts: FactsLookup;
  config?: ClaimsConfig;
}

export function configOf(deps: { config?: ClaimsConfig }): ClaimsConfig {
  return deps.config ?? DEFAULT_CLAIMS_CONFIG;
}
