export { OutboxRelay } from './outboxRelay';
export type { OutboxRelayOptions, RelayLedger, RelayStage } from './outboxRelayOptions';
export { eventMessage, storedEventMessage, EVENT_HEADERS, type EventEnvelope } from './eventMessage';
export { readRelayBacklog, readRelayCheckpoint, writeRelayCheckpoint, NO_CHECKPOINT } from './relayCheckpoints';
export { outboxMetrics, OutboxMetrics, OUTBOX_METRICS, type RelayIdentity, type RelayMetrics } from './relayMetrics';
export type { ProducerFactory, ProducerSource } from './relayProducer';
export { relayConfigFromEnv, type RelayProcessConfig } from './relayConfig';
export type { BackoffOptions } from './backoff';
export { kafkaLogCreator } from './kafkaLogger';
// Public so the pipeline bench's raw-produce baseline splits batches exactly as the relay does.
export { splitByBytes } from './messageBatches';
