// `@ledger/bus/testing`: reads back what reached a topic, checking each message against the
// Kafka contract, for tests outside the bus.
export { TopicCollector, type ReceivedMessage } from './src/testing/topicCollector';
