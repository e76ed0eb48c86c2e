import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaTestBroker } from '@ledger/bus';
import { deadLetterTopic } from '@ledger/contracts';
import { ensureServiceLogin, loadDevAuth, type ServiceName } from '@ledger/host';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import type { Role } from '@ledger/tenancy';
import { SERVICES, serviceNamed } from '@ledger/registry';
import type { ApiCall } from '@ledger/single-node/demo';
import { devSecrets } from '../launch/devSecrets';
import { runMigrateJob } from '../launch/migrateJob';
import { routedClient } from '../launch/routedClient';
import { spawnService, type ServiceProcess } from '../launch/serviceProcess';

export const PARTITIONS = 3;

export interface MultiNodeStack {
  broker: KafkaTestBroker;
  database: TestDatabase;
  /** Every line any service process wrote, prefixed with its name. */
  lines: string[];
  running: Map<ServiceName, ServiceProcess>;
  /** The environment every service shares (without SERVICES and PORT). */
  env: NodeJS.ProcessEnv;
  start(name: ServiceName): Promise<ServiceProcess>;
  /** Calls as one principal; `headers` go on every request (a `traceparent`, say). */
  client(orgId: string, role: Role, actor?: string, headers?: Record<string, string>): Promise<ApiCall>;
  close(): Promise<void>;
}

/**
 * The multi-node topology for tests: the Kafka test broker with every topic, a fresh database
 * migrated by the migrate job, and each service in its own process as its own role.
 */
export async function startMultiNodeStack(
  services: readonly ServiceName[],
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<MultiNodeStack> {
  const broker = await KafkaTestBroker.start();
  for (const service of SERVICES) {
    await broker.createTopic(service.topic, PARTITIONS);
    await broker.createTopic(deadLetterTopic(service.topic), 1);
  }
  const database = await createTestDatabase('multinode');
  await runMigrateJob(database.url);
  // The audit service's published heads, outside the database as in a deployment.
  const checkpoints = await mkdtemp(join(tmpdir(), 'multinode-checkpoints-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...devSecrets(),
    TOPOLOGY: 'multi-node',
    DATABASE_URL: database.url,
    KAFKA_BROKERS: broker.bootstrap.join(','),
    KAFKA_IDEMPOTENT: 'false',
    KAFKA_TEST_BROKER: 'true',
    LOG_LEVEL: 'info',
    LEDGER_CHECKPOINT_DIR: checkpoints,
    ...options.env,
  };
  const auth = await loadDevAuth(env, '');
  const lines: string[] = [];
  const running = new Map<ServiceName, ServiceProcess>();
  const start = async (name: ServiceName) => {
    // Each service logs in as its own NOSUPERUSER login, as a deployment's do.
    const login = await ensureServiceLogin(database.url, serviceNamed(name));
    const started = await spawnService(name, {
      env: { ...env, DATABASE_URL: login, PORT: '0', OTEL_EXPORTER_PROMETHEUS_PORT: '0' },
      onLine: (line) => lines.push(`[${name}] ${line}`),
    });
    running.set(name, started);
    void started.exited.then(() => running.get(name) === started && running.delete(name));
    return started;
  };
  try {
    await Promise.all(services.map(start));
  } catch (error) {
    await Promise.all([...running.values()].map((service) => service.stop('SIGKILL')));
    await broker.stop();
    await database.drop();
    await rm(checkpoints, { recursive: true, force: true });
    throw error;
  }
  const baseUrls = () => new Map([...running].map(([name, service]) => [name, service.baseUrl]));
  return {
    broker,
    database,
    lines,
    running,
    env,
    start,
    async client(orgId, role, actor = `test-${role}`, headers) {
      const token = await auth.issue({ orgId, role, actor });
      return routedClient({ baseUrls, authorization: `Bearer ${token}`, headers });
    },
    async close() {
      await Promise.all([...running.values()].map((service) => service.stop()));
      await broker.stop();
      await database.drop();
      await rm(checkpoints, { recursive: true, force: true });
    },
  };
}
