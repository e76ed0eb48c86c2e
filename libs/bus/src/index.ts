export { KafkaTestBroker, ensureBrokerBuilt } from './testing/kafkaTestBroker';
