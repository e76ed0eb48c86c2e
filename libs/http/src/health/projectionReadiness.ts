import type { Pool } from 'pg';
import type { Readiness } from './readiness';

/**
 * Ready when the database answers within the timeout and no (projection, org) is stopped on a
 * failed event; reports counts and names only.
 */
export function projectionReadiness(pool: Pool, timeoutMs = 2000): Readiness {
  return {
    async check() {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('database check timed out')), timeoutMs).unref(),
      );
      try {
        const result = await Promise.race([
          pool.query<{ projection: string; failed: number }>(
            `SELECT projection, count(*) FILTER (WHERE status = 'failed')::int AS failed
               FROM projection_state GROUP BY projection ORDER BY projection`,
          ),
          timeout,
        ]);
        const failed = result.rows.filter((row) => row.failed > 0);
        return {
          ready: failed.length === 0,
          checks: {
            database: 'ok',
            projections:
              failed.length === 0 ? 'ok' : { failed: Object.fromEntries(failed.map((r) => [r.projection, r.failed])) },
          },
        };
      } catch {
        return { ready: false, checks: { database: 'unavailable' } };
      }
    },
  };
}
