/**
 * The body of `npm start` (see `main.ts`, which installs telemetry before this module loads).
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createHttpApp } from '@ledger/http';
import {
  CHECKPOINT_STORE,
  checkDatabasePrivileges,
  checkProduction,
  isProduction,
  checkpointStoreFromEnv,
  lifetimeText,
  loadAuth,
  PROJECTION_DEFINITIONS,
  SIGNING_KEYS,
  loadMasterKeys,
  loadSigningKeys,
  readStartConfig,
  startCore,
  ProductionRefused,
  StartRefused,
  TopologyError,
  followDatabasePasswordFile,
} from '@ledger/host';
import { createLogger } from '@ledger/observability';
import type { Telemetry } from '@ledger/observability/telemetry';
import { resolveDatabase } from '@ledger/postgres';
import type { Role } from '@ledger/tenancy';
import { apiClient } from './demo/apiClient';
import { DEMO_ORG } from './demo/demoHousehold';
import { seedDemo } from './demo/seedDemo';
import { printableWalkthrough } from './demo/walkthrough';
import { reservePort } from './launch/portReservation';
import { describeStack, forgetStack, refuseIfRunning } from './launch/stackFile';
import { SERVICES } from '@ledger/registry';

const say = (line = '') => process.stdout.write(`${line}\n`);

/** `http://host:port` of a listening address; IPv6 hosts go in brackets. */
function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

async function main(telemetry: Telemetry): Promise<void> {
  // Everything that can be refused in a moment is refused before the database starts.
  checkProduction(process.env, { signingKeys: true });
  const production = isProduction(process.env);
  const { topology, port, host, dataDir, auth: authConfig } = readStartConfig(process.env, SERVICES);
  refuseIfRunning(dataDir);
  const checkpoints = checkpointStoreFromEnv(process.env, resolve(dataDir, 'checkpoints'));
  const reservation = await reservePort(host, port);
  const metrics = await telemetry.listenMetrics().catch((error: unknown) => {
    throw new StartRefused(
      `the metrics port ${telemetry.config.prometheus.host}:${telemetry.config.prometheus.port} (OTEL_EXPORTER_PROMETHEUS_PORT) is not free: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  await mkdir(dataDir, { recursive: true });
  const logFile = resolve(dataDir, 'single-node.log');
  const logger = createLogger({ service: 'single-node', destination: createWriteStream(logFile, { flags: 'a' }) });
  // A rotated file that cannot be used leaves the previous secret in force; say which file only.
  const onReloadError = (error: Error) => logger.error({ err: error }, 'mounted secret not reloaded');
  followDatabasePasswordFile(process.env, onReloadError);
  say(process.env.DATABASE_URL ? 'Using DATABASE_URL' : `Starting embedded PostgreSQL in ${dataDir}/postgres ...`);
  const database = await resolveDatabase(process.env, resolve(dataDir, 'postgres'));
  await checkDatabasePrivileges(topology, database.url).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const embedded = database.source === 'embedded';
  const keyProvider = await loadMasterKeys(process.env, embedded, resolve(dataDir, 'master-keys'), onReloadError);
  const signingKeys = await loadSigningKeys(
    process.env,
    embedded,
    resolve(dataDir, 'signing-keys.json'),
    onReloadError,
  );
  const auth = await loadAuth(authConfig, process.env, resolve(dataDir, 'dev-token-secret'));
  const projections = SERVICES.flatMap((service) => service.projections);
  const running = await startCore({
    databaseUrl: database.url,
    keyProvider,
    auth: auth.verifier,
    projections,
    services: SERVICES,
    logger,
    signingKeys,
    checkpoints,
    // Production migrates in its own job (`ledger migrate`), never while serving.
    migrate: !production,
  });
  const app = await createHttpApp({
    core: running.core,
    services: SERVICES,
    logger,
    shared: [
      // Under global keys, so the audit module receives them without anything importing it.
      { provide: SIGNING_KEYS, useValue: signingKeys },
      { provide: CHECKPOINT_STORE, useValue: checkpoints },
      { provide: PROJECTION_DEFINITIONS, useValue: projections },
    ],
  });

  // An identity provider's tokens come from the provider: no demo tokens, no demo household.
  const dev = auth.dev;
  const tokens = {} as Record<Role, string>;
  if (dev) {
    for (const role of ['advisor', 'compliance', 'operator'] as const) {
      tokens[role] = await dev.issue({ orgId: DEMO_ORG, role, actor: `demo-${role}` });
    }
    if ((await running.core.ledger.orgSize(DEMO_ORG)) === 0) {
      say(`Seeding the demo household into ${DEMO_ORG} ...`);
      await seedDemo(apiClient(app, `Bearer ${tokens.advisor}`));
    } else {
      say(`Demo org ${DEMO_ORG} already seeded`);
    }
  }

  await reservation.release();
  await app.listen({ port, host });
  const baseUrl = urlOf(host, (app.getHttpServer().address() as AddressInfo).port);
  say();
  say(`Ledger is up at ${baseUrl}   API docs: ${baseUrl}/docs   logs: ${logFile}`);
  say(`Metrics (Prometheus) at ${metrics.url}/metrics`);
  if (embedded) {
    const stackFile = await describeStack({ dataDir, databaseUrl: database.url, apiUrl: baseUrl });
    say(`Stack described in ${stackFile}: npm run ledger -- … finds the database there, without DATABASE_URL`);
  }
  say();
  if (dev) {
    say(`Tokens for the demo org (valid ${lifetimeText(dev.tokenLifetimeSeconds)}):`);
    say(`export BASE=${baseUrl}`);
    for (const role of ['advisor', 'compliance', 'operator'] as const)
      say(`export ${role.toUpperCase()}=${tokens[role]}`);
    say();
    say('Walk-through (paste into a shell after the exports):');
    say();
    say(printableWalkthrough('$BASE'));
  } else {
    say(`Tokens come from ${auth.issuer} (LEDGER_AUTH_JWKS_URL); no demo household is seeded.`);
    say();
  }
  say('Ctrl-C to stop.');

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    say('\nShutting down ...');
    if (embedded) await forgetStack(dataDir);
    await app.close();
    await running.close();
    await database.close();
    await telemetry.shutdown();
    say('Stopped.');
  };
  // `on`, not `once`: npm relays the terminal's Ctrl-C to the group's own, so it arrives twice.
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

/** Runs `npm start` until SIGINT or SIGTERM; a refusal or failure is one line on stderr and exit code 1. */
export function startSingleNode(telemetry: Telemetry): void {
  main(telemetry).catch((error: unknown) => {
    const refused = error instanceof StartRefused || error instanceof TopologyError;
    const reasons =
      error instanceof ProductionRefused
        ? error.lines
        : [(error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ')];
    for (const reason of reasons) process.stderr.write(`${refused ? 'start refused' : 'start failed'}: ${reason}\n`);
    process.exitCode = 1;
    // Child processes (the embedded server) and pools would keep a failed start alive.
    setTimeout(() => process.exit(1), 2000).unref();
  });
}
