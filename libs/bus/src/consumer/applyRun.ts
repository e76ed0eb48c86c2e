import { withOrgTransaction } from '@ledger/tenancy';
import type { Pool, PoolClient } from 'pg';
import type { ApplyResult, EnvelopeHandler } from './applyOnce';
import type { EventEnvelope, MessagePosition } from './eventEnvelope';

/**
 * The effect of several events of one org in one transaction: the ones the inbox did not hold
 * yet, in order. A projection folds them in one pass; the default applies them one by one.
 */
export type EnvelopeBatchHandler = (
  envelopes: readonly EventEnvelope[],
  tx: PoolClient,
  topic: string,
) => Promise<void>;

export interface RunItem {
  envelope: EventEnvelope;
  position: MessagePosition;
}

export function batchOf(handler: EnvelopeHandler): EnvelopeBatchHandler {
  return async (envelopes, tx, topic) => {
    for (const envelope of envelopes) await handler(envelope, tx, topic);
  };
}

/** Claims every event id of the run in one statement; the ids this transaction inserted. */
async function claimAll(tx: PoolClient, table: string, run: readonly RunItem[]): Promise<Set<string>> {
  const { rows } = await tx.query<{ event_id: string }>(
    `INSERT INTO ${table} (event_id, topic, partition, "offset", org_id)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::integer[], $4::bigint[], $5::text[])
     ON CONFLICT (event_id) DO NOTHING
     RETURNING event_id`,
    [
      run.map((item) => item.envelope.eventId),
      run.map((item) => item.position.topic),
      run.map((item) => item.position.partition),
      run.map((item) => item.position.offset),
      run.map((item) => item.envelope.orgId),
    ],
  );
  return new Set(rows.map((row) => row.event_id.toLowerCase()));
}

/**
 * A run of messages of one org as one transaction: claim all their ids in the
 * inbox, apply the newly claimed ones, commit. The same exactly-once effect as one transaction
 * per message (an id is applied only in the transaction that inserted it), for a fraction of
 * the round trips. Any failure rolls the whole run back; the caller then goes message by message.
 */
export async function applyRun(
  pool: Pool,
  inboxTable: string,
  run: readonly RunItem[],
  handle: EnvelopeBatchHandler,
): Promise<ApplyResult[]> {
  const orgId = run[0].envelope.orgId;
  if (run.some((item) => item.envelope.orgId !== orgId)) throw new Error('a run holds the events of one org');
  return withOrgTransaction(pool, orgId, async (tx) => {
    const claimed = await claimAll(tx, inboxTable, run);
    // An id produced twice within the run is applied once: at its first occurrence.
    const results = run.map((item) => claimed.delete(item.envelope.eventId.toLowerCase()));
    const fresh = run.filter((_item, index) => results[index]).map((item) => item.envelope);
    // A run comes from one fetched batch, so from one partition of one topic.
    if (fresh.length > 0) await handle(fresh, tx, run[0].position.topic);
    return results.map((applied) => (applied ? 'applied' : 'duplicate'));
  });
}
