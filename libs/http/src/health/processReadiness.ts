import type { Pool } from 'pg';
import type { Readiness } from './readiness';
import type { ProcessWorkers } from './workerProgress';

/**
 * Readiness of this process, never of a tenant: ready when the database answers within the
 * timeout and every worker that gates readiness is going round. A projection stopped for one
 * org on a failed event is that org's (the admin API and `ledger.projection.failed_orgs` show it);
 * the runner keeps serving the others, so the instance stays ready. The answer names workers and
 * states only: no org, no count of another tenant's anything.
 */
export function processReadiness(pool: Pool, workers: ProcessWorkers, timeoutMs = 2000): Readiness {
  return {
    async check() {
      const reports = workers.report();
      const workerChecks = Object.fromEntries(Object.entries(reports).map(([name, report]) => [name, report.state]));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('database check timed out')), timeoutMs);
        timer.unref();
      });
      try {
        await Promise.race([pool.query('SELECT 1'), timeout]);
      } catch {
        return { ready: false, checks: { database: 'unavailable', workers: workerChecks } };
      } finally {
        clearTimeout(timer);
      }
      return { ready: workers.ready(reports), checks: { database: 'ok', workers: workerChecks } };
    },
  };
}
