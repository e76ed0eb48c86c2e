import { Client } from 'pg';
import { startAlertingTestKit, sleep, JOB, type AlertingTestKit } from './alertingTestKit';

/**
 * The database refuses the running process's connections: the deployed rules, evaluated by a real
 * Prometheus and routed by a real Alertmanager to a webhook here, must page for it and resolve
 * once connections are allowed again. Apart from the other failures (processFaults.e2e.spec.ts)
 * because LedgerDatabaseUnreachable's two-minute rate window makes it the longest to fire.
 */
const ORG = 'org-alerting';
const ALERTS = ['LedgerDatabaseUnreachable', 'LedgerWorkerStalled', 'HttpErrorRatio'] as const;
const FAILURES = [
  'the database refuses the connections of the process',
  "the database refuses the process: the projection runner's loop fails",
  'the database refuses the process: requests answer 5xx',
];

describe('alerts fire when the database refuses the process and resolve once it accepts it again', () => {
  let kit: AlertingTestKit;

  beforeAll(async () => {
    kit = await startAlertingTestKit('alerts_database');
    await kit.created('/v1/provider-accounts', ORG, { id: 'acct-1', provider: 'gmail', label: 'Work' });
    await kit.monitoring.waitForQuery(`up{job="${JOB}"}`, (values) => values.length === 1 && values[0] === 1);
    expect(await kit.monitoring.query('ALERTS')).toEqual([]);
  }, 240_000);

  afterAll(() => kit?.close(), 60_000);

  it('LedgerDatabaseUnreachable, LedgerWorkerStalled and HttpErrorRatio fire, then resolve', async () => {
    // From the server's maintenance database: the test database itself is closed to everyone.
    const admin = new Client({ connectionString: kit.database.url.replace(/\/[^/?]+(\?|$)/, '/postgres$1') });
    await admin.connect();
    const name = kit.database.name;
    try {
      const injected = Date.now();
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      const firing = Promise.all(ALERTS.map((alert) => kit.fired(alert, injected)));
      let fired = false;
      void firing.finally(() => (fired = true)).catch(() => undefined);
      // Requests meanwhile: every one fails with a server error, none with a stack trace.
      const statuses: number[] = [];
      while (!fired && statuses.length < 30) {
        const response = await kit.call('GET', '/v1/audit/projections', ORG, 'operator');
        statuses.push(response.status);
        expect(await response.text()).not.toMatch(/\bat .+\.(ts|js):\d+/);
        await sleep(1_000);
      }
      const firedAt = await firing;
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.filter((status) => status < 500)).toEqual([]);

      const removed = Date.now();
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      // Traffic recovers: successful requests bring the 5xx ratio back under 5 %.
      const resolving = Promise.all(ALERTS.map((alert) => kit.resolved(alert, removed)));
      let resolved = false;
      void resolving.finally(() => (resolved = true)).catch(() => undefined);
      let successes = 0;
      while (!resolved && successes < 5_000) {
        const batch = await Promise.all(
          Array.from({ length: 10 }, () => kit.call('GET', '/v1/audit/projections', ORG, 'operator')),
        );
        successes += batch.filter((response) => response.ok).length;
        if (!batch.every((response) => response.ok)) await sleep(500);
      }
      const resolvedAt = await resolving;
      ALERTS.forEach((alert, index) =>
        kit.record.add(alert, FAILURES[index], {
          injected,
          fired: firedAt[index],
          removed,
          resolved: resolvedAt[index],
        }),
      );
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => undefined);
      await admin.end();
    }
  }, 600_000);
});
