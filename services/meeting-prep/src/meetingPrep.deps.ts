import type { EventStore, GroupAppender } from '@ledger/ledger';
import type { ProjectionWaiter } from '@ledger/projections';
import type { Pool } from 'pg';
import type { BriefOptions } from './compose/briefInput';

/** What the use cases need; the Nest module builds it from the core providers. */
export interface MeetingPrepDeps {
  /** Appends and reads go through the store's port: any EventStore serves. */
  ledger: EventStore;
  pool: Pool;
  waiter: ProjectionWaiter;
  /** Group-committed access records (BriefViewed). */
  access: Pick<GroupAppender, 'record'>;
}

export interface MeetingPrepOptions {
  /** Compose options (compliance phrases, action-item kinds, ...); the window default is ±30 days. */
  brief?: Partial<BriefOptions>;
  /** The clock access records are dated by; tests fix it. */
  now?: () => Date;
}
