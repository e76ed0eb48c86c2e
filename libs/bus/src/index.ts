export { KafkaTestBroker, ensureBrokerBuilt } from './testing/kafkaTestBroker';
export { topicSize } from './testing/topicSize';
export * from './relay';
export { loadBusMigrations, BUS_MIGRATIONS_DIR } from './schema/busMigrations';
export { IdempotentConsumer } from './consumer/idempotentConsumer';
export type { IdempotentConsumerOptions, MessageOutcome, BusLogger } from './consumer/consumerOptions';
export type { EnvelopeHandler } from './consumer/applyOnce';
export type { EnvelopeBatchHandler } from './consumer/applyRun';
export type { MessagePosition } from './consumer/eventEnvelope';
export {
  validateEnvelopeFields,
  composeValidators,
  type EnvelopeValidator,
  type EnvelopeValidation,
} from './consumer/envelopeValidation';
export { inboxTableSql } from './consumer/inboxTable';
export { busServiceGrantsSql } from './schema/busServiceGrants';
export {
  ConsumerMetrics,
  CONSUMER_MESSAGES_METRIC,
  CONSUMER_LAG_METRIC,
  type MessageOutcomeKind,
} from './consumer/consumerMetrics';
export { TEST_BROKER_CONSUMER_SETTINGS } from './consumer/testBrokerSettings';
export type { RetryPolicy } from './consumer/retryBackoff';
export { DLQ_HEADER, dlqTopicFor, type DlqErrorCode } from './dlq/dlqHeaders';
export { replayDlq, type ReplayDlqOptions, type ReplayDlqReport } from './dlq/replayDlq';
export { replayDlqProgram, runReplayDlqCli, type ReplayCliIo } from './dlq/replayDlqCli';
export * from './nest';
