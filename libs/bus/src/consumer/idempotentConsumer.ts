import { SpanKind } from '@opentelemetry/api';
import { createLogger, inSpan, linksTo, recordInTraces, remoteParent } from '@ledger/observability';
import type { Consumer, EachBatchPayload, EachMessagePayload, KafkaMessage, Producer } from 'kafkajs';
import type { DlqFailure } from '../dlq/dlqHeaders';
import { DlqPublisher } from '../dlq/dlqPublisher';
import { applyRun, batchOf, type EnvelopeBatchHandler, type RunItem } from './applyRun';
import { OffsetProgress } from './offsetProgress';
import { checkMessage } from './checkMessage';
import { ConsumerMetrics } from './consumerMetrics';
import type { BusLogger, IdempotentConsumerOptions, MessageOutcome } from './consumerOptions';
import { validateEnvelopeFields, type EnvelopeValidator } from './envelopeValidation';
import type { EventEnvelope, MessagePosition } from './eventEnvelope';
import { describeFailure, isInfrastructureFailure } from './failureKinds';
import { handleWithRetries } from './handleWithRetries';
import { assertInboxTableName } from './inboxTable';
import { EVENT_HEADERS, headerText } from './messageHeaders';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryBackoff';

type BatchItem = RunItem & { message: KafkaMessage };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_RESTART_DELAY_MS = 30_000;
const TRACER = '@ledger/bus';

/**
 * A kafkajs consumer group whose handler takes effect once per event id: each message is
 * checked (org, envelope), then applied in a PostgreSQL transaction that first claims its id in
 * the service's inbox. The offset is committed only after that transaction (autoCommit resolves
 * an offset when eachMessage returns, threshold 1), so a crash in between redelivers a message
 * the inbox recognises. Poison messages go to `<topic>.dlq` and the group moves on.
 */
export class IdempotentConsumer {
  private readonly validate: EnvelopeValidator;
  private readonly policy: RetryPolicy;
  private readonly logger: BusLogger;
  private readonly metrics: ConsumerMetrics;
  private readonly producer: Producer;
  private readonly ownsProducer: boolean;
  private readonly dlq: DlqPublisher;
  private consumer: Consumer | undefined;
  private running = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private restartAttempts = 0;
  private producerConnected = false;
  private readonly maxBatch: number;
  private readonly batchHandler: EnvelopeBatchHandler;
  /** When the consumer last fetched or finished a batch (ms since the epoch); 0 before its first. */
  lastRoundAt = 0;

  constructor(private readonly options: IdempotentConsumerOptions) {
    assertInboxTableName(options.inboxTable);
    if (options.topics.length === 0) throw new Error('an IdempotentConsumer needs at least one topic');
    this.validate = options.validate ?? validateEnvelopeFields;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    if (!(this.policy.maxAttempts >= 1)) throw new Error('retry.maxAttempts must be at least 1');
    this.logger = options.logger ?? createLogger({ service: 'bus' });
    this.metrics = options.metrics ?? new ConsumerMetrics();
    this.ownsProducer = options.dlqProducer === undefined;
    this.producer = options.dlqProducer ?? options.kafka.producer({ idempotent: true, ...options.producerConfig });
    this.dlq = new DlqPublisher(this.producer);
    this.maxBatch = options.maxBatchMessages ?? 1;
    if (!(Number.isInteger(this.maxBatch) && this.maxBatch >= 1))
      throw new Error('maxBatchMessages must be an integer ≥ 1');
    this.batchHandler = options.batchHandler ?? batchOf(options.handler);
  }

  /** Whether the consumer is meant to be in its group (started, not stopped). */
  get isRunning(): boolean {
    return this.running;
  }

  get groupId(): string {
    return this.options.groupId;
  }

  async start(): Promise<void> {
    if (this.running) throw new Error(`consumer group ${this.options.groupId} is already started`);
    this.running = true;
    this.metrics.startCounting(this.options.groupId, this.options.topics);
    try {
      if (this.ownsProducer) {
        await this.producer.connect();
        this.producerConnected = true;
      }
      await this.runConsumer();
    } catch (error) {
      await this.stop().catch(() => undefined);
      throw error;
    }
  }

  /** Leaves the group; offsets resolved so far are committed by kafkajs on the way out. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.restartTimer);
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
    if (this.producerConnected) {
      this.producerConnected = false;
      await this.producer.disconnect();
    }
  }

  private async runConsumer(): Promise<void> {
    const { kafka, groupId, topics } = this.options;
    const consumer = kafka.consumer({ ...this.options.consumerConfig, groupId });
    this.consumer = consumer;
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      this.lastRoundAt = Date.now();
      this.metrics.recordLag(groupId, payload.topic, payload.partition, Number(payload.offsetLag));
    });
    // A fetch, empty or not, is a round: an idle consumer fetches every few hundred milliseconds.
    consumer.on(consumer.events.FETCH, () => {
      this.lastRoundAt = Date.now();
    });
    // kafkajs restarts itself after retriable crashes; after any other it stays down, so restart here.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.scheduleRestart(consumer, payload.error);
    });
    // Back-off grows across restarts that fail to get back into the group, and resets once one does.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.restartAttempts = 0;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: this.options.fromBeginning ?? true });
    const shared = {
      autoCommit: true,
      autoCommitThreshold: 1,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
    };
    await (this.maxBatch === 1
      ? consumer.run({ ...shared, eachMessage: (payload) => this.consume(payload) })
      : consumer.run({ ...shared, eachBatchAutoResolve: false, eachBatch: (payload) => this.consumeBatch(payload) }));
  }

  private scheduleRestart(crashed: Consumer, error: unknown): void {
    if (!this.running || this.consumer !== crashed) return;
    const delay = Math.min(MAX_RESTART_DELAY_MS, (this.options.restartDelayMs ?? 1000) * 2 ** this.restartAttempts);
    this.restartAttempts += 1;
    this.logger.error(
      { groupId: this.options.groupId, failure: describeFailure(error), delayMs: delay },
      'consumer stopped; restarting it',
    );
    this.restartTimer = setTimeout(() => {
      void crashed
        .disconnect()
        .catch(() => undefined)
        .then(() => (this.running ? this.runConsumer() : undefined))
        .catch((restartError: unknown) => this.consumer && this.scheduleRestart(this.consumer, restartError));
    }, delay);
  }

  /** Throws only when the infrastructure fails (database, DLQ produce): the offset then stays uncommitted. */
  private async consume({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const position: MessagePosition = { topic, partition, offset: message.offset };
    // One message, one user action: its span is a child of the span that appended the event.
    const placement = { kind: SpanKind.CONSUMER, parent: remoteParent(traceparentOf(message)) };
    const attributes = { 'messaging.destination.name': topic, 'messaging.batch.message_count': 1 };
    return inSpan(
      TRACER,
      'bus.consumer.process',
      attributes,
      async () => {
        const checked = checkMessage(message, this.validate);
        if (!checked.ok) return this.deadLetter(message, position, checked.failure, 0);
        return this.applyChecked(message, { envelope: checked.envelope, position }, heartbeat);
      },
      placement,
    );
  }

  /**
   * A fetched batch of one partition: poison messages are dead-lettered, and the good ones are
   * grouped by org, each org's in their order, and applied up to `maxBatchMessages` per
   * transaction. Orgs are independent (Kafka orders only within a key), so an org's run need not
   * wait behind another's. When a run fails for any reason but the infrastructure, it is applied
   * again message by message, so retries and dead-lettering single out the failing message as
   * without batching (a message of a failed run thus meets the handler once more than
   * `maxAttempts`). An offset is resolved once every message up to it has its final outcome.
   */
  private async consumeBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const progress = new OffsetProgress(
      batch.messages.map((message) => message.offset),
      resolveOffset,
    );
    const runs = new Map<string, BatchItem[]>();
    for (const message of batch.messages) {
      const position = { topic, partition, offset: message.offset };
      const checked = checkMessage(message, this.validate);
      if (!checked.ok) {
        await this.deadLetter(message, position, checked.failure, 0);
        progress.done(message.offset);
        continue;
      }
      const orgRun =
        runs.get(checked.envelope.orgId) ?? runs.set(checked.envelope.orgId, []).get(checked.envelope.orgId)!;
      orgRun.push({ message, position, envelope: checked.envelope });
    }
    for (const orgRun of runs.values()) {
      for (let from = 0; from < orgRun.length; from += this.maxBatch) {
        if (!isRunning() || isStale()) return;
        const run = orgRun.slice(from, from + this.maxBatch);
        await this.applyBatchRun(run, heartbeat);
        for (const item of run) progress.done(item.message.offset);
        await heartbeat();
      }
    }
  }

  /**
   * A run serves the user actions that produced its events: its span links to each of their
   * spans, and once it settles each of their traces gets a `bus.consumer.process` span, a child
   * of the span that appended the events (a span has one parent, so the run cannot be one).
   */
  private async applyBatchRun(run: BatchItem[], heartbeat: () => Promise<void>): Promise<void> {
    const destination = { 'messaging.destination.name': run[0].position.topic };
    const attributes = { ...destination, 'messaging.batch.message_count': run.length };
    const traceparents = run.map((item) => traceparentOf(item.message));
    const startedAt = Date.now();
    return inSpan(
      TRACER,
      'bus.consumer.run',
      attributes,
      async (batch) => {
        let error: unknown;
        try {
          await this.applyBatchRunInSpan(run, heartbeat);
        } catch (failure) {
          error = failure;
          throw failure;
        } finally {
          recordInTraces(TRACER, 'bus.consumer.process', startedAt, traceparents, {
            batch,
            countAttribute: 'messaging.batch.message_count',
            attributes: destination,
            kind: SpanKind.CONSUMER,
            error,
          });
        }
      },
      { kind: SpanKind.CONSUMER, links: linksTo(traceparents) },
    );
  }

  private async applyBatchRunInSpan(run: BatchItem[], heartbeat: () => Promise<void>): Promise<void> {
    // A run of one gains nothing from batching, and its attempts then count as without it.
    if (run.length === 1) return this.applyChecked(run[0].message, run[0], heartbeat);
    let results;
    try {
      results = await applyRun(this.options.pool, this.options.inboxTable, run, this.batchHandler);
    } catch (error) {
      if (isInfrastructureFailure(error)) throw error;
      for (const item of run) await this.applyChecked(item.message, item, heartbeat);
      return;
    }
    run.forEach((item, index) => {
      const ids = { ...item.position, eventId: item.envelope.eventId, orgId: item.envelope.orgId };
      this.report({ ...ids, outcome: results[index], attempts: 1 });
    });
  }

  private async applyChecked(message: KafkaMessage, { envelope, position }: RunItem, heartbeat: () => Promise<void>) {
    const ids = { ...position, eventId: envelope.eventId, orgId: envelope.orgId };
    const result = await handleWithRetries(envelope, position, {
      pool: this.options.pool,
      inboxTable: this.options.inboxTable,
      handle: this.options.handler,
      policy: this.policy,
      heartbeat,
      onRetry: (attempt, error) =>
        this.logger.warn({ ...ids, attempt, failure: describeFailure(error) }, 'event handler failed; retrying'),
    });
    if (result.outcome === 'failed') {
      const failure: DlqFailure = {
        code: 'handler-failed',
        message: `the handler failed ${result.attempts} times; last error: ${describeFailure(result.error)}`,
      };
      return this.deadLetter(message, position, failure, result.attempts, envelope);
    }
    this.logger.debug({ ...ids, attempts: result.attempts }, `event ${result.outcome}`);
    this.report({ ...ids, outcome: result.outcome, attempts: result.attempts });
  }

  private async deadLetter(
    message: KafkaMessage,
    position: MessagePosition,
    failure: DlqFailure,
    attempts: number,
    envelope?: EventEnvelope,
  ): Promise<void> {
    await this.dlq.publish(message, position, failure);
    const eventId = envelope?.eventId ?? wellFormedId(headerText(message.headers, EVENT_HEADERS.eventId));
    const outcome: MessageOutcome = { ...position, outcome: 'dlq', eventId, orgId: envelope?.orgId, attempts };
    this.logger.warn({ ...outcome, errorCode: failure.code }, 'message dead-lettered');
    this.report({ ...outcome, errorCode: failure.code });
  }

  private report(outcome: MessageOutcome): void {
    this.metrics.countMessage(this.options.groupId, outcome.topic, outcome.outcome);
    try {
      this.options.onOutcome?.(outcome);
    } catch (error) {
      // An observer's bug must not turn into a redelivery: the outcome is already final.
      this.logger.error({ failure: describeFailure(error) }, 'onOutcome observer failed');
    }
  }
}

/** The producer's trace context: the `traceparent` header the relay copies from the event's metadata. */
function traceparentOf(message: KafkaMessage): string | undefined {
  return headerText(message.headers, EVENT_HEADERS.traceparent);
}

/** A header of a poison message can hold anything; only a UUID is safe to log as an id. */
function wellFormedId(value: string | undefined): string | undefined {
  return value !== undefined && UUID.test(value) ? value : undefined;
}
