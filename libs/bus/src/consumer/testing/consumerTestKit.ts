import { randomUUID } from 'node:crypto';
import { createLogger } from '@ledger/observability';
import { createTestDatabase, type TestDatabase } from '@ledger/postgres';
import { Kafka, logLevel, type IHeaders, type KafkaMessage, type Message, type Producer } from 'kafkajs';
import { Pool, type PoolClient } from 'pg';
import { assertContractMessage } from '../../testing/contractCheck';
import { KafkaTestBroker } from '../../testing/kafkaTestBroker';
import { DLQ_HEADER, dlqTopicFor } from '../../dlq/dlqHeaders';
import type { EventEnvelope } from '../eventEnvelope';
import type { IdempotentConsumerOptions, MessageOutcome } from '../consumerOptions';
import { IdempotentConsumer } from '../idempotentConsumer';
import { inboxTableSql } from '../inboxTable';
import { EVENT_HEADERS } from '../messageHeaders';
import type { MessageOutcomeKind } from '../consumerMetrics';
import { TEST_BROKER_CONSUMER_SETTINGS } from '../testBrokerSettings';

export const INBOX = 'test_inbox';

/** The consumer's two ways of applying messages; the integration suites run under both. */
export const CONSUMER_MODES: ReadonlyArray<[string, Partial<IdempotentConsumerOptions>]> = [
  ['one transaction per message', {}],
  ['runs of up to 50 messages per transaction', { maxBatchMessages: 50 }],
];

/** No unique key on purpose: a second effect of one event shows up as a second row. */
const EFFECTS_SQL = `CREATE TABLE test_effects (
  event_id uuid NOT NULL, org_id text NOT NULL, org_setting text, applied_at timestamptz NOT NULL DEFAULT now())`;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds; the failure names what was awaited and what was last seen. */
export async function waitFor(
  description: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 45_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await sleep(50);
  }
}

/** Log lines captured from a real logger, to assert what reached them. */
export class CapturedLogs {
  readonly lines: string[] = [];
  readonly logger = createLogger({
    service: 'bus-test',
    level: 'debug',
    destination: { write: (line: string) => void this.lines.push(line) },
  });

  text(): string {
    return this.lines.join('');
  }
}

/** Every outcome the consumers under test reported. */
export class Outcomes {
  readonly all: MessageOutcome[] = [];
  readonly record = (outcome: MessageOutcome): void => void this.all.push(outcome);

  /**
   * One outcome per message position, the first: the broker may redeliver (a commit refused
   * during a rebalance), which must not change effects but does add outcomes.
   */
  firstPerOffset(): MessageOutcome[] {
    const seen = new Set<string>();
    return this.all.filter((o) => {
      const position = `${o.topic}/${o.partition}/${o.offset}`;
      return seen.has(position) ? false : (seen.add(position), true);
    });
  }

  eventIds(): Set<string> {
    return new Set(this.all.flatMap((o) => (o.eventId === undefined ? [] : [o.eventId])));
  }

  count(outcome: MessageOutcomeKind, eventId?: string): number {
    return this.all.filter((o) => o.outcome === outcome && (eventId === undefined || o.eventId === eventId)).length;
  }

  waitFor(outcome: MessageOutcomeKind, atLeast: number, eventId?: string): Promise<void> {
    return waitFor(
      `${atLeast} × ${outcome}${eventId ? ` of ${eventId}` : ''}`,
      () => this.count(outcome, eventId) >= atLeast,
    );
  }
}

/** A DocumentVersionAdded event its schema accepts; overrides that break the schema need `invalidOnPurpose`. */
export function makeEnvelope(overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  return {
    eventId: randomUUID(),
    type: 'DocumentVersionAdded',
    schemaVersion: 1,
    orgId: 'org-a',
    streamId: 'evidence-d1',
    streamRevision: 0,
    orgSeq: 0,
    recordedAt: new Date().toISOString(),
    metadata: { actor: 'user-1' },
    data: {
      documentId: 'd1',
      documentVersionId: 'd1:v2',
      version: 2,
      providerAccountId: 'account-1',
      messageId: 'msg-1',
      threadId: 'thread-1',
      internalDate: 1_700_000_000_000,
      historyId: '1001',
      sourceHash: 'ab'.repeat(32),
      contentLength: 120,
    },
    personal: { alg: 'A256GCM', iv: 'AAAAAAAAAAAAAAAA', ct: 'q83v', tag: 'AAAAAAAAAAAAAAAAAAAAAA==' },
    ...overrides,
  };
}

const invalidMessages = new WeakSet<Message>();

/** Marks a message a test breaks on purpose (a poison case), so that `send` lets it through unchecked. */
export function invalidOnPurpose(message: Message): Message {
  invalidMessages.add(message);
  return message;
}

/** A message as the relay publishes it; `key`, `headers` and `value` override for poison cases. */
export function eventMessage(
  envelope: EventEnvelope,
  overrides: { key?: string; headers?: IHeaders; value?: string } = {},
): Message {
  return {
    key: overrides.key ?? envelope.orgId,
    value: overrides.value ?? JSON.stringify(envelope),
    headers: {
      [EVENT_HEADERS.eventId]: envelope.eventId,
      [EVENT_HEADERS.eventType]: envelope.type,
      [EVENT_HEADERS.schemaVersion]: String(envelope.schemaVersion),
      [EVENT_HEADERS.orgId]: envelope.orgId,
      [EVENT_HEADERS.traceparent]: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      ...overrides.headers,
    },
  };
}

/** The default test effect: one row per application, with the org the transaction was scoped to. */
export async function recordEffect(envelope: EventEnvelope, tx: PoolClient): Promise<void> {
  await tx.query(
    `INSERT INTO test_effects (event_id, org_id, org_setting) VALUES ($1, $2, current_setting('app.org_id', true))`,
    [envelope.eventId, envelope.orgId],
  );
}

/** A broker, a database with an inbox and an effects table, a client and a producer; one per suite. */
export class ConsumerTestKit {
  private readonly consumers: IdempotentConsumer[] = [];
  private topicCount = 0;
  /** Where the consumers under test log unless a test passes its own logger. */
  readonly logs = new CapturedLogs();

  private constructor(
    readonly broker: KafkaTestBroker,
    readonly kafka: Kafka,
    readonly producer: Producer,
    readonly database: TestDatabase,
    readonly pool: Pool,
    private readonly defaults: Partial<IdempotentConsumerOptions>,
  ) {}

  /** `defaults`: options every consumer of the suite gets, e.g. a batching mode. */
  static async start(defaults: Partial<IdempotentConsumerOptions> = {}): Promise<ConsumerTestKit> {
    const broker = await KafkaTestBroker.start();
    const kafka = new Kafka({
      clientId: 'bus-consumer-test',
      brokers: broker.bootstrap,
      logLevel: logLevel.NOTHING,
      retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1000 },
    });
    // The mock reports controller id 0, which kafkajs's idempotent producer cannot use.
    const producer = kafka.producer({ idempotent: false, allowAutoTopicCreation: false });
    await producer.connect();
    const database = await createTestDatabase('bus');
    const pool = new Pool({ connectionString: database.url, max: 6 });
    await pool.query(inboxTableSql(INBOX));
    await pool.query(EFFECTS_SQL);
    return new ConsumerTestKit(broker, kafka, producer, database, pool, defaults);
  }

  /** A fresh topic and its DLQ, so tests never see each other's messages. */
  async topic(name: string, partitions = 1): Promise<string> {
    this.topicCount += 1;
    const topic = `todox.test-${name}-${this.topicCount}.events.v1`;
    await this.broker.createTopic(topic, partitions);
    await this.broker.createTopic(dlqTopicFor(topic), partitions);
    return topic;
  }

  /** Produces the messages; each value must satisfy its event type's schema unless marked `invalidOnPurpose`. */
  async send(topic: string, ...messages: Message[]): Promise<void> {
    for (const message of messages) {
      if (!invalidMessages.has(message)) assertContractMessage(String(message.value));
    }
    await this.producer.send({ topic, acks: -1, messages });
  }

  /** A consumer with the test broker's settings, stopped by `close` unless a test stops it first. */
  async startConsumer(
    options: Pick<IdempotentConsumerOptions, 'groupId' | 'topics'> & Partial<IdempotentConsumerOptions>,
  ): Promise<IdempotentConsumer> {
    const consumer = new IdempotentConsumer({
      kafka: this.kafka,
      pool: this.pool,
      inboxTable: INBOX,
      handler: recordEffect,
      consumerConfig: TEST_BROKER_CONSUMER_SETTINGS,
      producerConfig: { idempotent: false },
      retry: { initialBackoffMs: 50 },
      logger: this.logs.logger,
      ...this.defaults,
      ...options,
    });
    this.consumers.push(consumer);
    await consumer.start();
    return consumer;
  }

  /** Rows in test_effects per event id. */
  async effectCounts(): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ event_id: string; n: string }>(
      'SELECT event_id, count(*) AS n FROM test_effects GROUP BY event_id',
    );
    return new Map(rows.map((r) => [r.event_id, Number(r.n)]));
  }

  async effectsOf(eventId: string): Promise<number> {
    return (await this.effectCounts()).get(eventId) ?? 0;
  }

  async inboxHas(eventId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`SELECT 1 FROM ${INBOX} WHERE event_id = $1`, [eventId]);
    return rowCount === 1;
  }

  /**
   * Reads a topic from the beginning with a throwaway group until `count` messages have arrived;
   * with `distinctBy`, until `count` distinct ones have, returning the first of each.
   */
  async readTopic(
    topic: string,
    count: number,
    distinctBy?: (message: KafkaMessage) => string,
  ): Promise<KafkaMessage[]> {
    const consumer = this.kafka.consumer({ groupId: `reader-${randomUUID()}`, ...TEST_BROKER_CONSUMER_SETTINGS });
    const received: KafkaMessage[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void received.push(message) });
      const distinct = () => {
        if (!distinctBy) return received;
        const seen = new Set<string>();
        return received.filter((m) => (seen.has(distinctBy(m)) ? false : (seen.add(distinctBy(m)), true)));
      };
      await waitFor(`${count} messages on ${topic}`, () => distinct().length >= count);
      return distinct();
    } finally {
      await consumer.disconnect();
    }
  }

  /**
   * Sets a stopped group's committed offsets back to the start, as an operator's offset reset
   * would: joins the group, commits offset 0 for every partition, leaves. (kafkajs's admin reset
   * needs DescribeGroups, which the mock broker lacks.)
   */
  async rewindGroup(groupId: string, topic: string, partitions = 1): Promise<void> {
    const consumer = this.kafka.consumer({ groupId, ...TEST_BROKER_CONSUMER_SETTINGS });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      // Nothing is resolved and nothing is committed automatically: only the rewind below.
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
      await joined;
      await consumer.commitOffsets(
        Array.from({ length: partitions }, (_, partition) => ({ topic, partition, offset: '0' })),
      );
    } finally {
      await consumer.disconnect();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop().catch(() => undefined)));
    await this.producer.disconnect();
    await this.pool.end();
    await this.database.drop();
    await this.broker.stop();
  }
}

/** A DLQ copy's original position: the same poison message dead-lettered twice has one. */
export const originalPosition = (message: KafkaMessage): string =>
  `${headerOf(message, DLQ_HEADER.originalPartition)}/${headerOf(message, DLQ_HEADER.originalOffset)}`;

/** A header's text in a consumed message. */
export function headerOf(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  return value === undefined ? undefined : String(value);
}
