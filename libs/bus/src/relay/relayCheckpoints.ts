import { ledgerReads, type EventStore } from '@ledger/ledger';
import type { Pool } from 'pg';

/** -1: nothing handled yet; the relay starts at log sequence 0. */
export const NO_CHECKPOINT = -1;

type Queryable = Pick<Pool, 'query'>;

const READ_SQL = 'SELECT last_log_seq FROM bus_relay_checkpoints WHERE relay = $1';

/*
 * GREATEST keeps the checkpoint monotonic should two relays of one service ever overlap (a
 * restart racing the old process): the slower one cannot move it back over published events.
 */
const WRITE_SQL = `INSERT INTO bus_relay_checkpoints (relay, last_log_seq, updated_at) VALUES ($1, $2, now())
ON CONFLICT (relay) DO UPDATE
  SET last_log_seq = GREATEST(bus_relay_checkpoints.last_log_seq, EXCLUDED.last_log_seq), updated_at = now()`;

export async function readRelayCheckpoint(pool: Queryable, relay: string): Promise<number> {
  const { rows } = await pool.query<{ last_log_seq: string }>(READ_SQL, [relay]);
  return rows.length === 0 ? NO_CHECKPOINT : Number(rows[0].last_log_seq);
}

/** Call only once the broker has acknowledged every owned event up to `lastLogSeq`. */
export async function writeRelayCheckpoint(pool: Queryable, relay: string, lastLogSeq: number): Promise<void> {
  await pool.query(WRITE_SQL, [relay, lastLogSeq]);
}

/**
 * Sequenced events after the checkpoint, of every category: those the relay has yet to look at.
 * The checkpoint is read first: it never passes the head, so a head read after it bounds it.
 */
export async function readRelayBacklog(
  pool: Pool,
  relay: string,
  ledger: Pick<EventStore, 'logHead'> = ledgerReads(pool),
): Promise<number> {
  const checkpoint = await readRelayCheckpoint(pool, relay);
  return Math.max(0, (await ledger.logHead()) - checkpoint);
}
