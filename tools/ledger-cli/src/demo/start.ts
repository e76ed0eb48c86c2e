/**
 * `npm start`: the ledger on an embedded PostgreSQL (or DATABASE_URL), migrated, with a small
 * demo org appended once; then it follows the org live until Ctrl-C.
 */
import { resolve } from 'node:path';
import { createPool, Ledger, LEDGER_WRITER_ROLE, migrate } from '@ledger/ledger';
import { createLogger } from '@ledger/observability';
import { resolveDatabase } from '@ledger/postgres';
import { loadMasterKeys } from './masterKeys';
import { seedDemo, DEMO_ORG } from './seedDemo';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const dataDir = resolve(process.env.LEDGER_DATA_DIR ?? '.data');
  say(process.env.DATABASE_URL ? 'Using DATABASE_URL' : `Starting embedded PostgreSQL in ${dataDir}/postgres ...`);
  const database = await resolveDatabase(process.env, resolve(dataDir, 'postgres'));
  const report = await migrate(database.url);
  say(`Migrations: ${report.applied.length} applied, ${report.alreadyApplied.length} already applied`);
  const keyProvider = await loadMasterKeys(
    process.env,
    database.source === 'embedded',
    resolve(dataDir, 'master-keys'),
  );
  let stopping = false;
  const log = createLogger({ service: 'ledger-demo' });
  const pool = createPool({
    connectionString: database.url,
    max: 10,
    role: LEDGER_WRITER_ROLE,
    // Connections still closing when the database stops at shutdown are expected, not news.
    onIdleError: (err) => stopping || log.warn({ err }, 'idle database connection lost'),
  });
  const ledger = new Ledger({
    pool,
    keyProvider,
    connectionString: database.url,
    sequencer: { onError: (err) => log.error({ err }, 'sequencer batch failed; retrying') },
  });

  const seeded = await seedDemo(ledger);
  say(seeded ? `Seeded demo org ${DEMO_ORG}` : `Demo org ${DEMO_ORG} already present`);
  const subscription = ledger.subscribeToOrg(DEMO_ORG);
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    say('\nShutting down ...');
    subscription.close();
  };
  // `on`, not `once`: wrappers (npm, tsx) relay the terminal's Ctrl-C, so it can arrive twice,
  // and a second, unhandled SIGINT would kill the process halfway through its clean-up.
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  say(`Following ${DEMO_ORG} (Ctrl-C to stop). Append more with: npm run ledger -- --help`);
  for await (const event of subscription) {
    say(
      `  #${event.orgSeq} ${event.type} ${event.streamId} rev ${event.streamRevision} by ${event.metadata.actor} leaf ${event.leafHash.slice(0, 16)}…`,
    );
  }
  await ledger.close();
  await pool.end();
  await database.close();
  say('Stopped.');
}

main().catch((error: unknown) => {
  process.stderr.write(`start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
