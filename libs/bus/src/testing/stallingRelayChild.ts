// An evidence relay in its own process for the crash test: its STALL_AT-th checkpoint write,
// which comes only after the broker acknowledged that round, prints "stalled <logSeq>" and
// never completes, so a SIGKILL lands exactly between acknowledgement and checkpoint.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { Pool } from 'pg';
import { createPool, Ledger, LocalKeyProvider } from '@ledger/ledger';
import { OutboxRelay } from '../relay/outboxRelay';
import { OWN_CATEGORIES } from './relayFixtures';

const stallAt = Number(process.env.STALL_AT);
const pool = createPool({ connectionString: process.env.DATABASE_URL, max: 2 });
let checkpointWrites = 0;
const stallingPool = {
  query(text: string, values?: unknown[]) {
    if (text.startsWith('INSERT INTO bus_relay_checkpoints') && ++checkpointWrites === stallAt) {
      process.stdout.write(`stalled ${String(values?.[1])}\n`);
      return new Promise(() => undefined);
    }
    return pool.query(text, values);
  },
} as unknown as Pool;

const ledger = new Ledger({ pool, keyProvider: new LocalKeyProvider({ k: randomBytes(32) }), runSequencer: false });
const kafka = new Kafka({
  clientId: 'stalling-relay',
  brokers: String(process.env.KAFKA_BROKERS).split(','),
  logLevel: logLevel.NOTHING,
});
new OutboxRelay({
  pool: stallingPool,
  ledger,
  kafka,
  service: 'evidence',
  categories: OWN_CATEGORIES,
  batchSize: Number(process.env.RELAY_BATCH_SIZE),
  pollMs: 20,
  idempotent: false,
}).start();
