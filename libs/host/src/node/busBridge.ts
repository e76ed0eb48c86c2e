import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import {
  BusTransport,
  composeValidators,
  OutboxRelay,
  validateEnvelopeFields,
  type BusLogger,
  type BusTransportOptions,
  type EnvelopeValidator,
  type MessageOutcome,
  type RelayLedger,
} from '@ledger/bus';
import { consumerGroupId, createEventValidator, eventTopic } from '@ledger/contracts';
import type { ServiceDescriptor } from '../descriptor/serviceDescriptor';

export interface BusBridgeOptions {
  service: ServiceDescriptor;
  kafka: Kafka;
  /** Connections as the service's own role: its inbox, its tables, its relay checkpoint. */
  pool: Pool;
  ledger: RelayLedger;
  /** The test broker cannot do idempotent producers; real brokers should. */
  idempotent: boolean;
  logger: BusLogger;
  /** kafkajs consumer settings (the test broker needs `TEST_BROKER_CONSUMER_SETTINGS`). */
  consumerConfig?: BusTransportOptions['consumerConfig'];
  relayPollMs?: number;
  partitionsConsumedConcurrently?: number;
  onOutcome?: (outcome: MessageOutcome) => void;
}

export interface BusBridge {
  relay: OutboxRelay;
  /**
   * The consumer side, for the service's Nest app to connect (`connectMicroservice`): the
   * consumer starts with the app's microservices and hands each run to the service's
   * `@OnFollowedEvents` handlers.
   */
  transport: BusTransport;
  /** The topics of the services this one follows (never its own). */
  topics: readonly string[];
  stop(): Promise<void>;
}

/** Events of one org applied in one transaction, at most: bounds a transaction's length and locks. */
const MAX_RUN = 200;

/** Consumers accept fields a schema does not declare (additive v1 changes), never a broken one. */
function contractValidator(): EnvelopeValidator {
  const events = createEventValidator();
  return composeValidators(validateEnvelopeFields, (envelope) => {
    const result = events.validate(envelope);
    return result.ok ? result : { ok: false, error: result.error };
  });
}

/**
 * A service's side of Kafka in multi-node: its outbox relay publishes its own categories to its
 * topic (started here), and its consumer group applies the events of the services it follows to
 * its read models through the service's message controller, once per event id (inbox
 * `<prefix>inbox`). Its own events never come back this way: its runner reads them from the ledger.
 */
export async function startBusBridge(options: BusBridgeOptions): Promise<BusBridge> {
  const { service, kafka, pool, logger } = options;
  const relay = new OutboxRelay({
    pool,
    ledger: options.ledger,
    kafka,
    service: service.name,
    categories: service.categories,
    idempotent: options.idempotent,
    pollMs: options.relayPollMs,
    onError: (error, stage) =>
      stage === 'fatal'
        ? logger.error({ err: error, service: service.name }, 'relay stopped')
        : logger.warn({ err: error, stage, service: service.name }, 'relay step failed; retrying'),
  });
  const topics = service.follows.map(eventTopic);
  const transport = new BusTransport({
    kafka,
    groupId: consumerGroupId(service.name),
    topics,
    pool,
    inboxTable: `${service.prefix}inbox`,
    maxBatchMessages: MAX_RUN,
    // An org's events share a partition, so partitions can go in parallel without reordering one.
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
    validate: contractValidator(),
    consumerConfig: options.consumerConfig,
    producerConfig: { idempotent: options.idempotent },
    logger,
    onOutcome: options.onOutcome,
  });
  relay.start();
  return {
    relay,
    transport,
    topics,
    async stop() {
      await transport.close();
      await relay.stop();
    },
  };
}
