import type { Pool } from 'pg';
import type { GroupAppender, Ledger } from '@ledger/ledger';
import type { ProjectionWaiter } from '@ledger/projections';
import type { TokenVerifierOptions } from '@ledger/tenancy';

/** Reports whether the process can serve: the database answers and no projection has failed. */
export interface Readiness {
  check(): Promise<{ ready: boolean; checks: Record<string, unknown> }>;
}

/** The process-wide objects every service module shares, built once by the composition root. */
export interface CoreServices {
  ledger: Ledger;
  pool: Pool;
  waiter: ProjectionWaiter;
  access: GroupAppender;
  auth: TokenVerifierOptions;
  readiness: Readiness;
}
