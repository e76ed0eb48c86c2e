/**
 * The multi-node stack that `npm run start:multi` (../startMulti.ts) runs in a process group of
 * its own: the four services as separate processes, each as its own database role, integrated
 * through Kafka. Against DATABASE_URL and KAFKA_BROKERS (with LEDGER_MASTER_KEYS,
 * LEDGER_SIGNING_KEYS, and LEDGER_DEV_TOKEN_SECRET or an identity provider's LEDGER_AUTH_JWKS_URL),
 * or with `--local` on an embedded PostgreSQL
 * and the Kafka test broker. Runs the migrate job first, then the services on ports from
 * MULTI_BASE_PORT (3001) and one gateway port in front of them (MULTI_GATEWAY_PORT, 3000); seeds
 * the demo household once; stops in order on SIGTERM, SIGINT or when its launcher goes away.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { ledgerReads } from '@ledger/ledger';
import {
  ensureServiceLogin,
  lifetimeText,
  loadAuth,
  readAuthConfig,
  StartRefused,
  type AuthConfig,
  type ServiceName,
} from '@ledger/host';
import { readRunningStack, removeRunningStack, writeRunningStack } from '@ledger/postgres';
import { SERVICES, serviceNamed } from '@ledger/registry';
import type { Role } from '@ledger/tenancy';
import { DEMO_ORG, printableWalkthrough, seedDemo } from '@ledger/single-node/demo';
import { startGateway, type Gateway } from './gateway';
import { startLocalInfrastructure, type LocalInfrastructure } from './localInfrastructure';
import { runMigrateJob } from './migrateJob';
import { watchParentPipe } from './parentWatch';
import { routedClient } from './routedClient';
import { spawnService, type ServiceProcess } from './serviceProcess';

const say = (line = '') => process.stdout.write(`${line}\n`);
const REQUIRED = ['DATABASE_URL', 'KAFKA_BROKERS', 'LEDGER_MASTER_KEYS', 'LEDGER_SIGNING_KEYS'];
const ROLES = ['advisor', 'compliance', 'operator'] as const;

class Refusal extends Error {}

async function orgIsEmpty(databaseUrl: string, orgId: string): Promise<boolean> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  // The query rejects when the server goes away; the event would otherwise be fatal.
  pool.on('error', () => undefined);
  try {
    return !(await ledgerReads(pool).hasEvents(orgId));
  } finally {
    await pool.end();
  }
}

/**
 * A service's own login when the deployment gives one (EVIDENCE_DATABASE_URL, ...); with
 * `--local`, one the owner creates (`<service>_app`); else the shared URL, which the service's
 * gate refuses if it is a superuser or bypasses row-level security.
 */
async function databaseUrlFor(name: ServiceName, env: NodeJS.ProcessEnv, local: boolean): Promise<string | undefined> {
  const own = env[`${name.toUpperCase().replace('-', '_')}_DATABASE_URL`];
  if (own) return own;
  if (local) return ensureServiceLogin(env.DATABASE_URL as string, serviceNamed(name));
  return env.DATABASE_URL;
}

/** Who issues the tokens the services accept; a bad setting is refused before anything starts. */
function tokenIssuer(env: NodeJS.ProcessEnv): AuthConfig {
  try {
    return readAuthConfig(env);
  } catch (error) {
    if (error instanceof StartRefused) throw new Refusal(`start:multi: ${error.message}`);
    throw error;
  }
}

/** MULTI_GATEWAY_PORT, 3000 by default; 0 for any free port. */
function gatewayPort(env: NodeJS.ProcessEnv): number {
  const text = env.MULTI_GATEWAY_PORT ?? '3000';
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535)
    throw new Refusal(`start:multi: MULTI_GATEWAY_PORT must be a port number, not "${text}"`);
  return port;
}

const dataDir = resolve(process.env.LEDGER_DATA_DIR ?? '.data/multi-node');
const running = new Map<ServiceName, ServiceProcess>();
let infrastructure: LocalInfrastructure | undefined;
let gateway: Gateway | undefined;
let stackWritten = false;
let stopping: Promise<void> | undefined;

/**
 * Gateway (stops taking requests), services (each: HTTP, consumers, relay, runners, pools), then
 * the broker and the database they were using, and last the stack file that pointed at it.
 */
function shutdown(code: number): Promise<void> {
  stopping ??= (async () => {
    say('\nShutting down ...');
    const started = Date.now();
    await gateway?.close();
    await Promise.all([...running.values()].map((service) => service.stop()));
    await infrastructure?.close();
    if (stackWritten) await removeRunningStack(dataDir);
    say(`Stopped. (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    process.exit(code);
  })();
  return stopping;
}

async function main(): Promise<void> {
  const local = process.argv.includes('--local');
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGHUP', () => void shutdown(0));
  watchParentPipe(() => void shutdown(0));

  const portOfGateway = gatewayPort(process.env);
  const authConfig = tokenIssuer(process.env);
  if (local) {
    const owner = readRunningStack(dataDir);
    if (owner) {
      throw new Refusal(
        `start:multi: a ${owner.topology} stack (pid ${owner.pid}) is already running in ${dataDir}; stop it or set LEDGER_DATA_DIR`,
      );
    }
    say(`Starting embedded PostgreSQL in ${dataDir}/postgres and the Kafka test broker ...`);
    infrastructure = await startLocalInfrastructure(dataDir);
  } else {
    const missing = [...REQUIRED, ...(authConfig.kind === 'development' ? ['LEDGER_DEV_TOKEN_SECRET'] : [])].filter(
      (name) => !process.env[name],
    );
    if (missing.length > 0) {
      throw new Refusal(`start:multi needs ${missing.join(', ')}; or run \`npm run start:multi -- --local\``);
    }
  }
  const env: NodeJS.ProcessEnv = { ...process.env, ...infrastructure?.env, TOPOLOGY: 'multi-node' };
  // The heads the audit service publishes are kept beside the stack's data unless placed elsewhere.
  env.LEDGER_CHECKPOINT_DIR ??= resolve(dataDir, 'checkpoints');
  // The local development secret must not stand beside an identity provider the caller chose.
  if (authConfig.kind === 'jwks') delete env.LEDGER_DEV_TOKEN_SECRET;
  const databaseUrl = env.DATABASE_URL as string;

  await mkdir(dataDir, { recursive: true });
  const logFile = resolve(dataDir, 'services.log');
  const logs = createWriteStream(logFile, { flags: 'a' });

  say('Running the migrate job ...');
  say(`  ${await runMigrateJob(databaseUrl)}`);
  const basePort = Number(env.MULTI_BASE_PORT ?? 3001);
  const metricsBasePort = Number(env.MULTI_METRICS_BASE_PORT ?? 9464);
  await Promise.all(
    SERVICES.map(async ({ name }, index) => {
      const service = await spawnService(name, {
        // MULTI_BASE_PORT=0: every service on a free port of its own.
        env: {
          ...env,
          DATABASE_URL: await databaseUrlFor(name, env, local),
          PORT: String(basePort && basePort + index),
          OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsBasePort && metricsBasePort + index),
        },
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
  const baseUrls = () => new Map([...running].map(([name, service]) => [name, service.baseUrl]));
  gateway = await startGateway({ baseUrls, port: portOfGateway });

  // An identity provider's tokens come from the provider: no demo tokens, no demo household.
  const { dev, issuer } = await loadAuth(authConfig, env, '');
  const tokens = {} as Record<Role, string>;
  if (dev) {
    for (const role of ROLES) tokens[role] = await dev.issue({ orgId: DEMO_ORG, role, actor: `demo-${role}` });
    if (await orgIsEmpty(databaseUrl, DEMO_ORG)) {
      say(`Seeding the demo household into ${DEMO_ORG} through the services ...`);
      await seedDemo(routedClient({ baseUrls, authorization: `Bearer ${tokens.advisor}` }));
    } else {
      say(`Demo org ${DEMO_ORG} already seeded`);
    }
  }

  say();
  say(`Ledger multi-node is up, one process per service (logs: ${logFile}):`);
  for (const { name } of SERVICES) {
    const url = running.get(name)?.baseUrl;
    say(`  ${name.padEnd(13)} ${url}   docs: ${url}/docs`);
  }
  say(`  ${'gateway'.padEnd(13)} ${gateway.url}   routes each /v1 path to the service that owns it`);
  if (infrastructure) {
    const file = await writeRunningStack({
      topology: 'multi-node',
      databaseUrl,
      dataDir,
      pid: process.pid,
      startedAt: new Date().toISOString(),
      masterKeysFile: infrastructure.masterKeysFile,
      signingKeysFile: infrastructure.signingKeysFile,
    });
    stackWritten = true;
    say(`Connection details in ${file}: \`npm run ledger\` finds this stack there (removed on stop).`);
  }
  say();
  if (dev) {
    say(`Tokens for the demo org (valid ${lifetimeText(dev.tokenLifetimeSeconds)}):`);
    say(`export BASE=${gateway.url}`);
    for (const role of ROLES) say(`export ${role.toUpperCase()}=${tokens[role]}`);
    say();
    say('Walk-through through the gateway (paste into a shell after the exports):');
    say();
    say(printableWalkthrough('$BASE'));
  } else {
    say(`Tokens come from ${issuer} (LEDGER_AUTH_JWKS_URL); no demo household is seeded.`);
    say();
  }
  say('Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  if (error instanceof Refusal) {
    // Nothing has started yet: one line and out.
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`start:multi failed: ${error instanceof Error ? error.message : String(error)}\n`);
  // Whatever had started stops with it; a stop that hangs is not waited for.
  setTimeout(() => process.exit(1), 30_000).unref();
  void shutdown(1);
});
