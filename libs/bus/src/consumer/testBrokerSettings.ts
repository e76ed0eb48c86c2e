/**
 * Consumer settings the librdkafka mock broker needs (ENVIRONMENT.md): it holds an empty fetch
 * for the whole wait, and a rebalance waits for the session timeout less a second. Real
 * brokers do well with kafkajs's defaults.
 */
export const TEST_BROKER_CONSUMER_SETTINGS = {
  maxWaitTimeInMs: 100,
  sessionTimeout: 6000,
  heartbeatInterval: 1000,
} as const;
