import type { Pool } from 'pg';

/** Events [start, end) by org_seq. */
export interface OrgSeqRange {
  start: number;
  end: number;
}

/*
 * The ledger, not the trail projection, decides what an export holds: a lagging projection must
 * not shorten an examiner's bundle. org_seq follows commit order while recorded_at is the
 * appending process's clock, so the two can interleave slightly at the edges: the range spans
 * the first to the last event recorded in [from, to), and the trail files then select exactly.
 */
const RANGE_SQL = `SELECT min(l.org_seq) AS first, max(l.org_seq) AS last
  FROM ledger_log l JOIN ledger_events e ON e.position = l.position
 WHERE l.org_id = $1 AND e.org_id = $1 AND l.org_seq < $2 AND e.recorded_at >= $3 AND e.recorded_at < $4`;

/** The smallest contiguous org_seq range under `treeSize` holding every event recorded in [from, to). */
export async function orgSeqRange(
  pool: Pool,
  orgId: string,
  time: { from: Date; to: Date },
  treeSize: number,
): Promise<OrgSeqRange> {
  const { rows } = await pool.query<{ first: string | null; last: string | null }>(RANGE_SQL, [
    orgId,
    treeSize,
    time.from,
    time.to,
  ]);
  const { first, last } = rows[0];
  // Nothing recorded then: an empty range at the end of the signed tree still proves the tree.
  if (first === null || last === null) return { start: treeSize, end: treeSize };
  return { start: Number(first), end: Number(last) + 1 };
}
