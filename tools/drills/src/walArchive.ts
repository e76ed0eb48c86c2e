import type { Pool } from 'pg';

/** Switches to a new WAL segment and waits until the archiver has stored the one just closed. */
export async function waitForArchived(pool: Pool, timeoutMs = 120_000): Promise<string> {
  const { rows } = await pool.query<{ name: string }>('SELECT pg_walfile_name(pg_switch_wal()) AS name');
  const segment = rows[0].name;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows: status } = await pool.query<{ last: string | null; failed: string | null }>(
      'SELECT last_archived_wal AS last, last_failed_wal AS failed FROM pg_stat_archiver',
    );
    // Segment names sort in WAL order within a timeline.
    if (status[0].last !== null && status[0].last >= segment) return segment;
    if (Date.now() > deadline)
      throw new Error(
        `WAL segment ${segment} not archived within ${timeoutMs} ms (last failed: ${status[0].failed ?? 'none'})`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
