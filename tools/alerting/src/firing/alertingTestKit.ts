import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { createTestDatabase, freeLoopbackPort, type TestDatabase } from '@ledger/postgres';
import { issueToken, type Role } from '@ledger/tenancy';
import { ROOT } from '../alertRules';
import { FiringRecord } from './firingRecord';
import { FIXTURE_AUDIENCE, FIXTURE_ISSUER } from './fixture/fixtureAuth';
import { startMonitoringStack, type MonitoringStack } from './monitoringStack';
import {
  startServiceUnderAlert,
  type ServiceUnderAlert,
  type ServiceUnderAlertOptions,
} from './serviceUnderAlertProcess';
import { startWebhookReceiver, type WebhookReceiver } from './webhookReceiver';

export const JOB = 'ledger-single-node';
/** Every rule's `for:` in the test. */
export const HOLD_FOR = '2s';
export const FIRING_JSON = join(ROOT, 'outputs', 'alerts', 'firing.json');
/** How the measurements in FIRING_JSON were taken. */
export const FIRING_CONTEXT = { holdFor: HOLD_FOR, scrapeAndEvaluationInterval: '1s' };
const FIRING_TIMEOUT_MS = 200_000;
const RESOLVED_TIMEOUT_MS = 200_000;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A running Ledger process on a fresh database, scraped by a real Prometheus evaluating the
 * deployed rules, whose Alertmanager notifies a webhook here; the calls a test makes to cause a
 * failure, and the waits for its notifications.
 */
export interface AlertingTestKit {
  readonly database: TestDatabase;
  /** The database owner's pool (superuser of the test server), for what the process cannot do. */
  readonly owner: Pool;
  readonly webhook: WebhookReceiver;
  readonly monitoring: MonitoringStack;
  readonly service: ServiceUnderAlert;
  readonly record: FiringRecord;
  call(method: 'GET' | 'POST', path: string, orgId: string, role: Role, body?: object): Promise<Response>;
  /** A POST the advisor makes that must answer 201; its body. */
  created(path: string, orgId: string, body: object): Promise<Record<string, unknown>>;
  /** When the webhook received `alert` (with these `labels`) firing, at or after `since` (waits for it). */
  fired(alert: string, since: number, labels?: Record<string, string>): Promise<number>;
  resolved(alert: string, since: number, labels?: Record<string, string>, timeoutMs?: number): Promise<number>;
  /** Starts the process again on the same database and admin port (after `service.kill()` or `.stop()`). */
  restartService(): Promise<void>;
  /** Prints the measurements, merges them into outputs/alerts/firing.json, stops everything. */
  close(): Promise<void>;
}

export async function startAlertingTestKit(name: string): Promise<AlertingTestKit> {
  const secret = randomBytes(32);
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-alerted-'));
  chmodSync(dataDir, 0o755);
  const database = await createTestDatabase(name);
  const owner = new Pool({ connectionString: database.url, max: 2 });
  // A database outage terminates these connections too; the pool reconnects after it.
  owner.on('error', () => undefined);
  const webhook = await startWebhookReceiver();
  const options: ServiceUnderAlertOptions = {
    databaseUrl: database.url,
    dataDir,
    tokenSecret: secret,
    metricsPort: await freeLoopbackPort(),
  };
  let service = await startServiceUnderAlert(options);
  const monitoring = await startMonitoringStack({
    jobs: [{ job: JOB, target: `127.0.0.1:${options.metricsPort}` }],
    webhookUrl: webhook.url,
    holdFor: HOLD_FOR,
  }).catch(async (error: unknown) => {
    await service.stop();
    await webhook.close();
    throw error;
  });
  const record = new FiringRecord();

  const call: AlertingTestKit['call'] = async (method, path, orgId, role, body) => {
    const token = await issueToken(
      { orgId, role, actor: `user-${role}` },
      { issuer: FIXTURE_ISSUER, audience: FIXTURE_AUDIENCE, secret },
    );
    return fetch(`${service.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  };
  return {
    database,
    owner,
    webhook,
    monitoring,
    get service() {
      return service;
    },
    record,
    call,
    async created(path, orgId, body) {
      const response = await call('POST', path, orgId, 'advisor', body);
      const text = await response.text();
      if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    },
    fired: async (alert, since, labels) =>
      (await webhook.waitFor(alert, 'firing', since, FIRING_TIMEOUT_MS, labels)).receivedAt,
    resolved: async (alert, since, labels, timeoutMs = RESOLVED_TIMEOUT_MS) =>
      (await webhook.waitFor(alert, 'resolved', since, timeoutMs, labels)).receivedAt,
    async restartService() {
      service = await startServiceUnderAlert(options);
    },
    async close() {
      record.publish(FIRING_JSON, FIRING_CONTEXT);
      await monitoring.stop();
      await service.stop();
      await webhook.close();
      await owner.end();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
