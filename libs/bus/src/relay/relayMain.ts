// The outbox relay of one service as a process of its own: DATABASE_URL, KAFKA_BROKERS and
// RELAY_SERVICE and RELAY_CATEGORIES (optionally RELAY_TOPIC, RELAY_BATCH_SIZE, RELAY_POLL_MS,
// KAFKA_IDEMPOTENT, KAFKA_CLIENT_ID). Runs until SIGTERM or SIGINT.
import { Kafka, logLevel } from 'kafkajs';
import { createPool, Ledger, migrate, type KeyProvider } from '@ledger/ledger';
import { createLogger } from '@ledger/observability';
import { loadBusMigrations } from '../schema/busMigrations';
import { kafkaLogCreator } from './kafkaLogger';
import { OutboxRelay } from './outboxRelay';
import { relayConfigFromEnv } from './relayConfig';

/** The relay publishes personal parts sealed, so it is given no master key to open them with. */
const NO_MASTER_KEYS: KeyProvider = {
  activeKeyId: 'none',
  wrap: () => Promise.reject(new Error('the outbox relay holds no master keys')),
  unwrap: () => Promise.reject(new Error('the outbox relay holds no master keys')),
};

async function main(): Promise<void> {
  const config = relayConfigFromEnv(process.env);
  const logger = createLogger({ service: `relay-${config.service}` });
  await migrate(config.databaseUrl, await loadBusMigrations());
  const pool = createPool({
    connectionString: config.databaseUrl,
    max: 4,
    onIdleError: (error) => logger.warn({ err: error }, 'idle database connection lost'),
  });
  // No sequencer here: the services sequence; their notifications (and polling) wake this relay.
  const ledger = new Ledger({
    pool,
    keyProvider: NO_MASTER_KEYS,
    runSequencer: false,
    connectionString: config.databaseUrl,
  });
  const kafka = new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
  });
  const relay = new OutboxRelay({
    pool,
    ledger,
    kafka,
    service: config.service,
    categories: config.categories,
    topic: config.topic,
    batchSize: config.batchSize,
    pollMs: config.pollMs ?? 100,
    idempotent: config.idempotent,
    onError: (error, stage) => {
      if (stage !== 'fatal') return logger.warn({ err: error, stage }, 'relay step failed; retrying');
      logger.error({ err: error }, 'relay stopped');
      process.exit(1);
    },
  });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'relay stopping');
    await relay.stop();
    await ledger.close();
    await pool.end();
    // An abandoned send may still hold kafkajs retry timers; nothing is left to wait for.
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));

  relay.start();
  logger.info({ topic: relay.topic, categories: config.categories, from: await relay.checkpoint() }, 'relay started');
}

main().catch((error: unknown) => {
  process.stderr.write(`relay: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
