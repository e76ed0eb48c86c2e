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
SELECT e.position, e.tx_id::text AS tx_id, e.org_id, e.leaf_hash
  FROM ledger_events e
 WHERE (e.tx_id, e.position) > ($1::xid8, $2::bigint)
   AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
 ORDER BY e.tx_id, e.position
 LIMIT $3`;

interface PendingRow {
  position: string;
  tx_id: string;
  org_id: string;
  leaf_hash: Buffer;
}

export async function sequenceBatch(pool: Pool, limit: number): Promise<BatchOutcome> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // The sequencer's output is a deterministic function of the committed events (the same
    // rows in the same (tx_id, position) order), so a batch lost in a crash is recomputed
    // identically; it need not wait for its own WAL flush. Events themselves stay durable.
    await client.query('SET LOCAL synchronous_commit = off');
    const { rows: locked } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [
      SEQUENCER_LOCK_KEY,
    ]);
    if (!locked[0].ok) {
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
  const { rows: cursorRows } = await client.query<{ last_tx_id: string; last_position: string; next_log_seq: string }>(
    'SELECT last_tx_id::text, last_position, next_log_seq FROM ledger_sequencer_cursor',
  );
  const cursor = cursorRows[0];
  const { rows } = await client.query<PendingRow>(NEXT_ROWS_SQL, [cursor.last_tx_id, cursor.last_position, limit]);
  const firstLogSeq = Number(cursor.next_log_seq);
  if (rows.length === 0) return { ran: true, sequenced: 0, lastLogSeq: firstLogSeq - 1 };

  const orgIds = [...new Set(rows.map((row) => row.org_id))];
  const { rows: heads } = await client.query<{ org_id: string; next_seq: string }>(
    'SELECT org_id, next_seq FROM ledger_org_heads WHERE org_id = ANY($1::text[])',
    [orgIds],
  );
  const nextSeq = new Map(heads.map((head) => [head.org_id, Number(head.next_seq)]));
  const trees = orgLeaves(orgIds, nextSeq, rows);
  const orgSeqs = rows.map((row) => {
    const seq = nextSeq.get(row.org_id) ?? 0;
    nextSeq.set(row.org_id, seq + 1);
    return seq;
  });
  const logSeqs = rows.map((_, index) => firstLogSeq + index);
  await client.query(
    `INSERT INTO ledger_log (log_seq, org_id, org_seq, position)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[])`,
    [logSeqs, rows.map((row) => row.org_id), orgSeqs, rows.map((row) => row.position)],
  );
  // In the same transaction as org_seq: an org's tree always has exactly next_seq leaves.
  await integrateLeaves(client, trees);
  await client.query(
    `INSERT INTO ledger_org_heads (org_id, next_seq) SELECT * FROM unnest($1::text[], $2::bigint[])
     ON CONFLICT (org_id) DO UPDATE SET next_seq = EXCLUDED.next_seq, updated_at = now()`,
    [orgIds, orgIds.map((org) => nextSeq.get(org))],
  );
  const last = rows[rows.length - 1];
  const lastLogSeq = firstLogSeq + rows.length - 1;
  await client.query(
    'UPDATE ledger_sequencer_cursor SET last_tx_id = $1::xid8, last_position = $2, next_log_seq = $3',
    [last.tx_id, last.position, lastLogSeq + 1],
  );
  await client.query('SELECT pg_notify($1, $2)', [SEQUENCED_CHANNEL, String(lastLogSeq)]);
  return { ran: true, sequenced: rows.length, lastLogSeq };
}

/** Each org's rows of the batch as leaves, in batch order, on top of its tree before the batch. */
function orgLeaves(orgIds: readonly string[], treeSizes: ReadonlyMap<string, number>, rows: PendingRow[]): OrgLeaves[] {
  const leaves = new Map<string, Uint8Array[]>(orgIds.map((org) => [org, []]));
  for (const row of rows) leaves.get(row.org_id)?.push(row.leaf_hash);
  return orgIds.map((orgId) => ({ orgId, treeSize: treeSizes.get(orgId) ?? 0, leafHashes: leaves.get(orgId) ?? [] }));
}
