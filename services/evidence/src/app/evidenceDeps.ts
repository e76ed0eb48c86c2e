import type { Pool } from 'pg';
import type { EventStore, GroupAppender } from '@ledger/ledger';
import type { ViewWaiter } from '@ledger/host';
import { activeGeneration } from '@ledger/projections';
import { EVIDENCE_PROJECTION_NAME } from '../projection/evidenceProjection';

/** What the evidence use cases need; wired by the Nest module, or by hand in tests and tools. */
export interface EvidenceDeps {
  /** Appends and stream reads; the PostgreSQL ledger in production, the in-memory store in use-case tests. */
  store: EventStore;
  /** Reads the evidence read models. */
  pool: Pool;
  /** Read-your-writes: a command answers once the read models hold its events, or says they are behind. */
  waiter: ViewWaiter;
  /** Group-committed access records (Evidence.List). */
  access: Pick<GroupAppender, 'record'>;
  /** The clock that names the day of an access record; the system clock by default. */
  now?: () => Date;
}

/** The generation of the evidence read models that queries of this org must read. */
export function liveGeneration(deps: EvidenceDeps, orgId: string): Promise<number> {
  return activeGeneration(deps.pool, EVIDENCE_PROJECTION_NAME, orgId);
}
