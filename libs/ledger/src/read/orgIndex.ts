import type { Pool } from 'pg';
import type { OrgSeqBounds, OrgSize, RecordedWindow } from '../store/orgReads';

/*
 * Small reads of the sequence and heads that other packages need (lag, read-your-writes, audit
 * export ranges, relay backlog): here so that only this library names the ledger's tables.
 */

type Queryable = Pick<Pool, 'query'>;

const numberOrNull = (value: string | null | undefined): number | null =>
  value === null || value === undefined ? null : Number(value);

export async function orgSize(db: Queryable, orgId: string): Promise<number> {
  const { rows } = await db.query<{ next_seq: string }>('SELECT next_seq FROM ledger_org_heads WHERE org_id = $1', [
    orgId,
  ]);
  return rows.length === 0 ? 0 : Number(rows[0].next_seq);
}

export async function orgSizes(db: Queryable, orgId?: string): Promise<OrgSize[]> {
  const { rows } = await db.query<{ org_id: string; next_seq: string }>(
    'SELECT org_id, next_seq FROM ledger_org_heads WHERE ($1::text IS NULL OR org_id = $1) ORDER BY org_id',
    [orgId ?? null],
  );
  return rows.map((row) => ({ orgId: row.org_id, size: Number(row.next_seq) }));
}

/** The max of the primary key: an index lookup. */
export async function logHead(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ head: string }>('SELECT COALESCE(max(log_seq), -1) AS head FROM ledger_log');
  return Number(rows[0].head);
}

export async function positionsOf(
  db: Queryable,
  orgId: string,
  orgSeqs: readonly number[],
): Promise<Map<number, number>> {
  if (orgSeqs.length === 0) return new Map();
  const { rows } = await db.query<{ org_seq: string; position: string }>(
    'SELECT org_seq, position FROM ledger_log WHERE org_id = $1 AND org_seq = ANY($2::bigint[])',
    [orgId, orgSeqs],
  );
  return new Map(rows.map((row) => [Number(row.org_seq), Number(row.position)]));
}

export async function orgSeqsOf(db: Queryable, positions: readonly number[]): Promise<Map<number, number>> {
  if (positions.length === 0) return new Map();
  const { rows } = await db.query<{ org_seq: string; position: string }>(
    'SELECT org_seq, position FROM ledger_log WHERE position = ANY($1::bigint[])',
    [positions],
  );
  return new Map(rows.map((row) => [Number(row.position), Number(row.org_seq)]));
}

export async function lastSequencedPosition(db: Queryable, orgId: string): Promise<number | null> {
  const { rows } = await db.query<{ position: string }>(
    'SELECT position FROM ledger_log WHERE org_id = $1 ORDER BY org_seq DESC LIMIT 1',
    [orgId],
  );
  return numberOrNull(rows[0]?.position);
}

// The newest unsequenced event within the recent tail, else the last sequenced one. The tail
// bound keeps the scan to a short stretch of the primary key; the sequencer rarely trails more.
const LAST_COMMITTED_SQL = `SELECT coalesce(
   (SELECT max(position) FROM ledger_events
     WHERE org_id = $1 AND position > (SELECT coalesce(max(position), 0) - 10000 FROM ledger_log)),
   (SELECT position FROM ledger_log WHERE org_id = $1 ORDER BY org_seq DESC LIMIT 1)) AS position`;

export async function lastCommittedPosition(db: Queryable, orgId: string): Promise<number | null> {
  const { rows } = await db.query<{ position: string | null }>(LAST_COMMITTED_SQL, [orgId]);
  return numberOrNull(rows[0].position);
}

export async function recordedAt(db: Queryable, orgId: string, orgSeq: number): Promise<Date | null> {
  const { rows } = await db.query<{ recorded_at: Date }>(
    `SELECT e.recorded_at FROM ledger_log l JOIN ledger_events e ON e.position = l.position
      WHERE l.org_id = $1 AND l.org_seq = $2`,
    [orgId, orgSeq],
  );
  return rows.length === 0 ? null : rows[0].recorded_at;
}

const BOUNDS_SQL = `SELECT min(l.org_seq) AS first, max(l.org_seq) AS last
  FROM ledger_log l JOIN ledger_events e ON e.position = l.position
 WHERE l.org_id = $1 AND e.org_id = $1 AND l.org_seq < $2 AND e.recorded_at >= $3 AND e.recorded_at < $4`;

export async function orgSeqBoundsRecorded(
  db: Queryable,
  orgId: string,
  window: RecordedWindow,
): Promise<OrgSeqBounds | null> {
  const { rows } = await db.query<{ first: string | null; last: string | null }>(BOUNDS_SQL, [
    orgId,
    window.before,
    window.from,
    window.to,
  ]);
  const first = numberOrNull(rows[0].first);
  const last = numberOrNull(rows[0].last);
  return first === null || last === null ? null : { first, last };
}

export async function hasEvents(db: Queryable, orgId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM ledger_events WHERE org_id = $1 LIMIT 1', [orgId]);
  return rows.length > 0;
}

export async function countEvents(db: Queryable, orgId: string, types?: readonly string[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM ledger_events WHERE org_id = $1 AND ($2::text[] IS NULL OR type = ANY($2::text[]))',
    [orgId, types ?? null],
  );
  return rows[0].n;
}
