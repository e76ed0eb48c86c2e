// `@ledger/projections/testing`: a ledger with the projection tables on a fresh database, for
// the services' and tools' tests, and a meter that reads back what the code reports.
export {
  createProjectionTestContext,
  seedDemoOrg,
  snapshotOrg,
  type ProjectionTestContext,
} from './src/testing/projectionTestContext';
export { RecordingMeter } from './src/testing/recordingMeter';
