import type { Pool } from 'pg';

/**
 * The rows a rebuild reads, with the rebuild's own SQL, read with plain `pg` and nothing done
 * with them: events per second.
 */
export async function rawScanEps(pool: Pool, orgId: string, batch: number): Promise<{ rows: number; eps: number }> {
  const started = performance.now();
  let after = -1;
  let rows = 0;
  for (;;) {
    const page = await pool.query<{ org_seq: string; canonical: string }>(
      `SELECT l.org_seq, e.canonical FROM ledger_log l JOIN ledger_events e ON e.position = l.position
        WHERE l.org_id = $1 AND l.org_seq > $2 AND l.org_seq <= $3 ORDER BY l.org_seq LIMIT $4`,
      [orgId, after, Number.MAX_SAFE_INTEGER, batch],
    );
    rows += page.rows.length;
    if (page.rows.length < batch) break;
    after = Number(page.rows[page.rows.length - 1].org_seq);
  }
  return { rows, eps: rows / ((performance.now() - started) / 1000) };
}
