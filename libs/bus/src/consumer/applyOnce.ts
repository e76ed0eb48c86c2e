import { withOrgTransaction } from '@ledger/tenancy';
import type { Pool, PoolClient } from 'pg';
import type { EventEnvelope, MessagePosition } from './eventEnvelope';
import { claimInInbox } from './inboxTable';

/**
 * The consuming service's effect, run in the transaction that also records the event in its inbox.
 * `topic` is where the message was read: a handler can be chosen by it (one per followed topic).
 */
export type EnvelopeHandler = (envelope: EventEnvelope, tx: PoolClient, topic: string) => Promise<void>;

export type ApplyResult = 'applied' | 'duplicate';

/**
 * One transaction: claim the event id in the inbox first, then the effect, then commit. A
 * redelivery finds its id taken and commits nothing else. The transaction is scoped to the
 * (already checked) org, so row-level security on the service's tables holds for consumers too.
 */
export function applyOnce(
  pool: Pool,
  inboxTable: string,
  envelope: EventEnvelope,
  position: MessagePosition,
  handle: EnvelopeHandler,
): Promise<ApplyResult> {
  return withOrgTransaction(pool, envelope.orgId, async (tx) => {
    if (!(await claimInInbox(tx, inboxTable, envelope, position))) return 'duplicate';
    await handle(envelope, tx, position.topic);
    return 'applied';
  });
}
