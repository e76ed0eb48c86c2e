import { Kafka, logLevel, type RetryOptions } from 'kafkajs';
import { Pool } from 'pg';
import { migrate } from '@ledger/ledger';
import { createLedgerTestContext, type LedgerTestContext } from '@ledger/ledger/testing';
import { OutboxRelay } from '../relay/outboxRelay';
import type { OutboxRelayOptions } from '../relay/outboxRelayOptions';
import { eventTopic } from '@ledger/contracts';
import { OWN_CATEGORIES } from './relayFixtures';
import { loadBusMigrations } from '../schema/busMigrations';
import { KafkaTestBroker } from './kafkaTestBroker';
import { topicSize } from './topicSize';

export interface RelayTestContext extends LedgerTestContext {
  /** The relay's pool: checkpoints and the log head. */
  pool: Pool;
  broker: KafkaTestBroker;
  kafka: Kafka;
  /** The evidence service's topic, created on the test broker. */
  topic: string;
  /** An evidence relay on this context, as the mock broker needs it (no idempotence). */
  relay(options?: Partial<OutboxRelayOptions>): OutboxRelay;
  /** Messages the broker holds on the topic: the sum of its partitions' high watermarks. */
  topicSize(): Promise<number>;
}

export interface RelayTestContextOptions {
  partitions?: number;
  /** kafkajs retries; its defaults when absent. */
  retry?: RetryOptions;
}

/** A migrated ledger with the bus tables, a test broker with the evidence topic, and a client for it. */
export async function createRelayTestContext(options: RelayTestContextOptions = {}): Promise<RelayTestContext> {
  const context = await createLedgerTestContext();
  await migrate(context.database.url, await loadBusMigrations());
  const pool = new Pool({ connectionString: context.database.url, max: 4 });
  const broker = await KafkaTestBroker.start();
  const topic = eventTopic('evidence');
  await broker.createTopic(topic, options.partitions ?? 3);
  const kafka = new Kafka({
    clientId: 'bus-relay-test',
    brokers: broker.bootstrap,
    logLevel: logLevel.NOTHING,
    retry: options.retry,
  });
  const relays: OutboxRelay[] = [];
  return {
    ...context,
    pool,
    broker,
    kafka,
    topic,
    relay(overrides = {}) {
      const relay = new OutboxRelay({
        pool,
        ledger: context.ledger,
        kafka,
        service: 'evidence',
        categories: OWN_CATEGORIES,
        idempotent: false,
        ...overrides,
      });
      relays.push(relay);
      return relay;
    },
    topicSize: () => topicSize(kafka, topic),
    async close() {
      await Promise.all(relays.map((relay) => relay.stop()));
      await broker.stop();
      await pool.end();
      await context.close();
    },
  };
}
