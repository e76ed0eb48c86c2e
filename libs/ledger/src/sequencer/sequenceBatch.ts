import type { Pool, PoolClient } from 'pg';
import { integrateLeaves, type OrgLeaves } from '../tree/integrateLeaves';

/** Only one sequencer integrates at a time, whichever process it runs in. */
const SEQUENCER_LOCK_KEY = 7_301_962_002;
export const SEQUENCED_CHANNEL = 'ledger_sequenced';

export interface BatchOutcome {
  /** False when another process holds the sequencer lock. */
  ran: boolean;
  sequenced: number;
  lastLogSeq: number;
}

/**
 * Rows whose transaction id is below the snapshot's xmin belong to transactions that have all
 * ended, so no row can still appear before them in (tx_id, position) order. Taking only those,
 * in that order, and resuming from the last (tx_id, position) taken (the cursor is the same
 * key as the order) never skips a row that committed late.
 */
const NEXT_ROWS_SQL = `
SELECT c.next_log_seq, e.position, e.tx_id, e.org_id, e.leaf_hash
  FROM ledger_sequencer_cursor c
  LEFT JOIN LATERAL (
    SELECT e.position, e.tx_id::text AS tx_id, e.org_id, e.leaf_hash
      FROM ledger_events e
     WHERE (e.tx_id, e.position) > (c.last_tx_id, c.last_position)
       AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY e.tx_id, e.position
     LIMIT $1) e ON true`;

/** Heads, cursor and the wake-up for subscribers, in one round trip. */
const ADVANCE_SQL = `
WITH heads AS (
  INSERT INTO ledger_org_heads (org_id, next_seq) SELECT * FROM unnest($1::text[], $2::bigint[])
  ON CONFLICT (org_id) DO UPDATE SET next_seq = EXCLUDED.next_seq, updated_at = now()
), cursor AS (
  UPDATE ledger_sequencer_cursor SET last_tx_id = $3::xid8, last_position = $4, next_log_seq = $5
)
SELECT pg_notify($6, $7)`;

/**
 * Opens the batch transaction in one round trip. The sequencer's output is a deterministic
 * function of the committed events (the same rows in the same (tx_id, position) order), so a
 * batch lost in a crash is recomputed identically: it need not wait for its own WAL flush.
 * The events themselves stay durable.
 */
const BEGIN_SQL = `BEGIN; SET LOCAL synchronous_commit = off; SELECT pg_try_advisory_xact_lock(${SEQUENCER_LOCK_KEY}) AS ok`;

interface PendingRow {
  position: string;
  tx_id: string;
  org_id: string;
  leaf_hash: Buffer;
}

interface CursorAndRow {
  next_log_seq: string;
  position: string | null;
  tx_id: string | null;
  org_id: string | null;
  leaf_hash: Buffer | null;
}

export async function sequenceBatch(pool: Pool, limit: number): Promise<BatchOutcome> {
  const client = await pool.connect();
  try {
    const opened = (await client.query(BEGIN_SQL)) as unknown as Array<{ rows: Array<{ ok: boolean }> }>;
    if (!opened[2].rows[0].ok) {
      await client.query('ROLLBACK');
      return { ran: false, sequenced: 0, lastLogSeq: -1 };
    }
    const outcome = await integrate(client, limit);
    await client.query('COMMIT');
    return outcome;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function integrate(client: PoolClient, limit: number): Promise<BatchOutcome> {
  // Planned on every call (not prepared): its best plan depends on how far behind the cursor is.
  const { rows: found } = await client.query<CursorAndRow>(NEXT_ROWS_SQL, [limit]);
  const firstLogSeq = Number(found[0].next_log_seq);
  const rows = found.filter((row): row is CursorAndRow & PendingRow => row.position !== null);
  if (rows.length === 0) return { ran: true, sequenced: 0, lastLogSeq: firstLogSeq - 1 };

  const orgIds = [...new Set(rows.map((row) => row.org_id))];
  const { rows: heads } = await client.query<{ org_id: string; next_seq: string }>({
    name: 'ledger_sequencer_heads',
    text: 'SELECT org_id, next_seq FROM ledger_org_heads WHERE org_id = ANY($1::text[])',
    values: [orgIds],
  });
  const nextSeq = new Map(heads.map((head) => [head.org_id, Number(head.next_seq)]));
  const trees = orgLeaves(orgIds, nextSeq, rows);
  const orgSeqs = rows.map((row) => {
    const seq = nextSeq.get(row.org_id) ?? 0;
    nextSeq.set(row.org_id, seq + 1);
    return seq;
  });
  const logSeqs = rows.map((_, index) => firstLogSeq + index);
  await client.query({
    name: 'ledger_sequencer_log',
    text: `INSERT INTO ledger_log (log_seq, org_id, org_seq, position)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[])`,
    values: [logSeqs, rows.map((row) => row.org_id), orgSeqs, rows.map((row) => row.position)],
  });
  // In the same transaction as org_seq: an org's tree always has exactly next_seq leaves.
  await integrateLeaves(client, trees);
  const last = rows[rows.length - 1];
  const lastLogSeq = firstLogSeq + rows.length - 1;
  await client.query({
    name: 'ledger_sequencer_advance',
    text: ADVANCE_SQL,
    values: [
      orgIds,
      orgIds.map((org) => nextSeq.get(org)),
      last.tx_id,
      last.position,
      lastLogSeq + 1,
      SEQUENCED_CHANNEL,
      String(lastLogSeq),
    ],
  });
  return { ran: true, sequenced: rows.length, lastLogSeq };
}

/** Each org's rows of the batch as leaves, in batch order, on top of its tree before the batch. */
function orgLeaves(orgIds: readonly string[], treeSizes: ReadonlyMap<string, number>, rows: PendingRow[]): OrgLeaves[] {
  const leaves = new Map<string, Uint8Array[]>(orgIds.map((org) => [org, []]));
  for (const row of rows) leaves.get(row.org_id)?.push(row.leaf_hash);
  return orgIds.map((orgId) => ({ orgId, treeSize: treeSizes.get(orgId) ?? 0, leafHashes: leaves.get(orgId) ?? [] }));
}
