/**
 * `npm run start:multi`: the four services as separate processes, each as its own database role,
 * integrated through Kafka. Against DATABASE_URL and KAFKA_BROKERS (with LEDGER_MASTER_KEYS,
 * LEDGER_SIGNING_KEYS and LEDGER_DEV_TOKEN_SECRET), or with `--local` on an embedded PostgreSQL
 * and the Kafka test broker. Runs the migrate job first, then the services on ports from
 * MULTI_BASE_PORT (3001); seeds the demo household once; Ctrl-C stops everything.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { EVENT_SERVICES } from '@ledger/contracts';
import type { ServiceName } from '@ledger/http';
import type { Role } from '@ledger/tenancy';
import { loadDevAuth } from '@ledger/single-node/src/config/devAuth';
import { DEMO_ORG } from '@ledger/single-node/src/demo/demoHousehold';
import { seedDemo } from '@ledger/single-node/src/demo/seedDemo';
import { startLocalInfrastructure, type LocalInfrastructure } from './launch/localInfrastructure';
import { runMigrateJob } from './launch/migrateJob';
import { routedClient } from './launch/routedClient';
import { spawnService, type ServiceProcess } from './launch/serviceProcess';

const say = (line = '') => process.stdout.write(`${line}\n`);
const REQUIRED = [
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'LEDGER_MASTER_KEYS',
  'LEDGER_SIGNING_KEYS',
  'LEDGER_DEV_TOKEN_SECRET',
];

async function orgIsEmpty(databaseUrl: string, orgId: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM ledger_events WHERE org_id = $1 LIMIT 1', [orgId]);
    return rows.length === 0;
  } finally {
    await client.end();
  }
}

/** A service's own login when the deployment gives one (EVIDENCE_DATABASE_URL, ...), else the shared URL. */
function databaseUrlFor(name: ServiceName, env: NodeJS.ProcessEnv): string | undefined {
  return env[`${name.toUpperCase().replace('-', '_')}_DATABASE_URL`] ?? env.DATABASE_URL;
}

async function main(): Promise<void> {
  const local = process.argv.includes('--local');
  const dataDir = resolve(process.env.LEDGER_DATA_DIR ?? '.data/multi-node');
  let infrastructure: LocalInfrastructure | undefined;
  if (local) {
    say(`Starting embedded PostgreSQL in ${dataDir}/postgres and the Kafka test broker ...`);
    infrastructure = await startLocalInfrastructure(dataDir);
  } else {
    const missing = REQUIRED.filter((name) => !process.env[name]);
    if (missing.length > 0) {
      throw new Error(`start:multi needs ${missing.join(', ')}; or run \`npm run start:multi -- --local\``);
    }
  }
  const env: NodeJS.ProcessEnv = { ...process.env, ...infrastructure?.env, TOPOLOGY: 'multi-node' };
  const databaseUrl = env.DATABASE_URL as string;

  await mkdir(dataDir, { recursive: true });
  const logFile = resolve(dataDir, 'services.log');
  const logs = createWriteStream(logFile, { flags: 'a' });
  const running = new Map<ServiceName, ServiceProcess>();
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nShutting down ...');
    await Promise.all([...running.values()].map((service) => service.stop()));
    await infrastructure?.close();
    say('Stopped.');
    process.exit(code);
  };
  // `on`, not `once`: npm relays the terminal's Ctrl-C, so it can arrive twice.
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    say('Running the migrate job ...');
    say(`  ${await runMigrateJob(databaseUrl)}`);
    const basePort = Number(env.MULTI_BASE_PORT ?? 3001);
    await Promise.all(
      EVENT_SERVICES.map(async (name, index) => {
        const service = await spawnService(name, {
          // MULTI_BASE_PORT=0: every service on a free port of its own.
          env: { ...env, DATABASE_URL: databaseUrlFor(name, env), PORT: String(basePort && basePort + index) },
          // JSON log lines go to the service's log file; anything else (a refusal) to the terminal.
          onLine: (line) => (line.startsWith('{') ? logs.write(`${line}\n`) : say(`[${name}] ${line}`)),
        });
        running.set(name, service);
        void service.exited.then((code) => {
          if (stopping) return;
          say(`${name} exited with ${code}; stopping the others`);
          void shutdown(1);
        });
      }),
    );
  } catch (error) {
    process.stderr.write(`start:multi failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await shutdown(1);
    return;
  }

  const auth = await loadDevAuth(env, '');
  const tokens = {} as Record<Role, string>;
  for (const role of ['advisor', 'compliance', 'operator'] as const) {
    tokens[role] = await auth.issue({ orgId: DEMO_ORG, role, actor: `demo-${role}` });
  }
  const baseUrls = () => new Map([...running].map(([name, service]) => [name, service.baseUrl]));
  if (await orgIsEmpty(databaseUrl, DEMO_ORG)) {
    say(`Seeding the demo household into ${DEMO_ORG} through the services ...`);
    await seedDemo(routedClient({ baseUrls, authorization: `Bearer ${tokens.advisor}` }));
  } else {
    say(`Demo org ${DEMO_ORG} already seeded`);
  }

  say();
  say(`Ledger multi-node is up, one process per service (logs: ${logFile}):`);
  for (const name of EVENT_SERVICES) {
    const url = running.get(name)?.baseUrl;
    say(`  ${name.padEnd(13)} ${url}   docs: ${url}/docs`);
  }
  say();
  say('Tokens for the demo org (valid 12 hours):');
  for (const role of ['advisor', 'compliance', 'operator'] as const)
    say(`export ${role.toUpperCase()}=${tokens[role]}`);
  say();
  say('Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  process.stderr.write(`start:multi failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 2000).unref();
});
