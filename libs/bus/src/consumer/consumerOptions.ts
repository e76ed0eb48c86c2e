import type { Logger } from '@ledger/observability';
import type { ConsumerConfig, Kafka, Producer, ProducerConfig } from 'kafkajs';
import type { Pool } from 'pg';
import type { DlqErrorCode } from '../dlq/dlqHeaders';
import type { EnvelopeHandler } from './applyOnce';
import type { EnvelopeBatchHandler } from './applyRun';
import type { ConsumerMetrics, MessageOutcomeKind } from './consumerMetrics';
import type { EnvelopeValidator } from './envelopeValidation';
import type { MessagePosition } from './eventEnvelope';
import type { RetryPolicy } from './retryBackoff';

export type BusLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/** What became of one message; ids only. */
export interface MessageOutcome extends MessagePosition {
  outcome: MessageOutcomeKind;
  /** Known whenever the message carried a well-formed event id. */
  eventId?: string;
  orgId?: string;
  /** Handler attempts made; 0 when the message was refused before the handler. */
  attempts: number;
  errorCode?: DlqErrorCode;
}

export interface IdempotentConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  pool: Pool;
  /** The consuming service's own inbox table, e.g. `claims_inbox` (see `inboxTableSql`). */
  inboxTable: string;
  handler: EnvelopeHandler;
  /** Defaults to `validateEnvelopeFields`; pass the JSON Schema validator of the consumed types. */
  validate?: EnvelopeValidator;
  retry?: Partial<RetryPolicy>;
  /** Where a group without committed offsets starts; true by default, so nothing published earlier is missed. */
  fromBeginning?: boolean;
  /** kafkajs consumer settings (the test broker needs `TEST_BROKER_CONSUMER_SETTINGS`). */
  consumerConfig?: Omit<ConsumerConfig, 'groupId'>;
  /** A producer for the DLQ that the caller connects and disconnects; one is made from `producerConfig` otherwise. */
  dlqProducer?: Producer;
  /** Settings for the DLQ producer made here; idempotent unless told otherwise (the test broker cannot do it). */
  producerConfig?: ProducerConfig;
  partitionsConsumedConcurrently?: number;
  /**
   * Up to this many messages of one org from one fetched batch are applied in one transaction,
   * in their order (default 1: one transaction per message). The effect is the same, once per event id; a run that fails is
   * applied again message by message, so retries and the DLQ single out the failing message.
   */
  maxBatchMessages?: number;
  /** Applies a run of newly claimed events of one org at once; default: `handler` on each in turn. */
  batchHandler?: EnvelopeBatchHandler;
  logger?: BusLogger;
  metrics?: ConsumerMetrics;
  /** Called once a message's outcome is final (after its transaction commits or it is in the DLQ). */
  onOutcome?: (outcome: MessageOutcome) => void;
  /** First wait before re-creating a consumer that kafkajs gave up on; doubled up to 30 s. */
  restartDelayMs?: number;
}
