// `@ledger/projections/testing`: a ledger with the projection tables on a fresh database, for
// the services' and tools' tests, a meter that reads back what the code reports, and what a
// database says its tables are (to hold generated DDL to what it replaced).
export {
  createProjectionTestContext,
  seedDemoOrg,
  snapshotOrg,
  type ProjectionTestContext,
} from './src/testing/projectionTestContext';
export { RecordingMeter } from './src/testing/recordingMeter';
export { describeTables, type TableSchema } from './src/testing/tableSchema';
export { strayProjection, STRAY_VICTIM_ORG } from './src/testing/strayProjection';
