import type { Pool } from 'pg';
import type { HttpCore, Readiness } from '@ledger/http';
import type { GroupAppender, Ledger } from '@ledger/ledger';
import type { ProjectionWaiter } from '@ledger/projections';
import type { TokenVerifierOptions } from '@ledger/tenancy';

/** The process-wide objects every service module shares, built once by the composition root. */
export interface CoreServices extends HttpCore {
  ledger: Ledger;
  pool: Pool;
  waiter: ProjectionWaiter;
  access: GroupAppender;
  auth: TokenVerifierOptions;
  readiness: Readiness;
}
