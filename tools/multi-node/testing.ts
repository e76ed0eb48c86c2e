// `@ledger/multi-node/testing`: the multi-node topology for other packages' tests (the Kafka test
// broker, a migrated database, each service its own process and role).
export { startMultiNodeStack, PARTITIONS, type MultiNodeStack } from './src/testing/multiNodeStack';
