/**
 * `npm start`: evidence, claims, meeting prep and audit in one process on the embedded
 * PostgreSQL (or DATABASE_URL), migrated, with the demo household seeded once; prints the URL,
 * a token per role and a walk-through. Ctrl-C shuts down cleanly.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createHttpApp, startCore } from '@ledger/http';
import { createLogger } from '@ledger/observability';
import { resolveDatabase } from '@ledger/postgres';
import type { Role } from '@ledger/tenancy';
import { loadDevAuth } from './config/devAuth';
import { loadMasterKeys } from './config/masterKeys';
import { loadSigningKeys } from './config/signingKeys';
import { checkDatabasePrivileges, singleNodeTopology } from './config/topology';
import { apiClient } from './demo/apiClient';
import { DEMO_ORG } from './demo/demoHousehold';
import { seedDemo } from './demo/seedDemo';
import { printableWalkthrough } from './demo/walkthrough';
import { ALL_SERVICES } from './services';

const say = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const topology = singleNodeTopology(process.env, ALL_SERVICES);
  const dataDir = resolve(process.env.LEDGER_DATA_DIR ?? '.data');
  await mkdir(dataDir, { recursive: true });
  const logFile = resolve(dataDir, 'single-node.log');
  const logger = createLogger({ service: 'single-node', destination: createWriteStream(logFile, { flags: 'a' }) });
  say(process.env.DATABASE_URL ? 'Using DATABASE_URL' : `Starting embedded PostgreSQL in ${dataDir}/postgres ...`);
  const database = await resolveDatabase(process.env, resolve(dataDir, 'postgres'));
  await checkDatabasePrivileges(topology, database.url).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const embedded = database.source === 'embedded';
  const keyProvider = await loadMasterKeys(process.env, embedded, resolve(dataDir, 'master-keys'));
  const signingKeys = await loadSigningKeys(process.env, embedded, resolve(dataDir, 'signing-keys.json'));
  const auth = await loadDevAuth(process.env, resolve(dataDir, 'dev-token-secret'));
  const projections = ALL_SERVICES.flatMap((service) => service.projections);
  const running = await startCore({
    databaseUrl: database.url,
    keyProvider,
    auth: auth.verifier,
    projections,
    logger,
  });
  const app = await createHttpApp({
    core: running.core,
    services: ALL_SERVICES,
    logger,
    shared: [
      // Under Symbol.for keys, so the audit module receives them without anything importing it.
      { provide: Symbol.for('ledger.signing-keys'), useValue: signingKeys },
      { provide: Symbol.for('ledger.projection-definitions'), useValue: projections },
    ],
  });

  const tokens = {} as Record<Role, string>;
  for (const role of ['advisor', 'compliance', 'operator'] as const) {
    tokens[role] = await auth.issue({ orgId: DEMO_ORG, role, actor: `demo-${role}` });
  }
  if ((await running.core.ledger.orgSize(DEMO_ORG)) === 0) {
    say(`Seeding the demo household into ${DEMO_ORG} ...`);
    await seedDemo(apiClient(app, `Bearer ${tokens.advisor}`));
  } else {
    say(`Demo org ${DEMO_ORG} already seeded`);
  }

  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  await app.listen({ port, host });
  const baseUrl = `http://${host}:${port}`;
  say();
  say(`Ledger is up at ${baseUrl}   API docs: ${baseUrl}/docs   logs: ${logFile}`);
  say();
  say('Tokens for the demo org (valid 12 hours):');
  say(`export BASE=${baseUrl}`);
  for (const role of ['advisor', 'compliance', 'operator'] as const)
    say(`export ${role.toUpperCase()}=${tokens[role]}`);
  say();
  say('Walk-through (paste into a shell after the exports):');
  say();
  say(printableWalkthrough('$BASE'));
  say('Ctrl-C to stop.');

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    say('\nShutting down ...');
    await app.close();
    await running.close();
    await database.close();
    say('Stopped.');
  };
  // `on`, not `once`: wrappers (npm, tsx) relay the terminal's Ctrl-C, so it can arrive twice.
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(`start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
  // Child processes (the embedded server) and pools would keep a failed start alive.
  setTimeout(() => process.exit(1), 2000).unref();
});
