export * from './definition/projectionDefinition';
export { ProjectionRegistry } from './definition/projectionRegistry';
export { ProjectionError, describeFailure, type ProjectionErrorCode } from './errors/projectionError';
export type { ProjectionTx, RowValues, ColumnValue } from './write/projectionTx';
export { ProjectionRunner, type RunnerOptions, type RoundReport } from './runner/projectionRunner';
export { runOrgBatch, type OrgBatchOutcome } from './runner/runOrgBatch';
export { ProjectionMetrics } from './metrics/projectionMetrics';
export { rebuildOrg, type RebuildDeps, type RebuildOptions, type RebuildResult } from './rebuild/rebuildOrg';
export { rebuildOutdated, outdatedOrgs } from './rebuild/rebuildOutdated';
export type { RebuildProgress } from './rebuild/buildGeneration';
export type { Comparison } from './rebuild/switchGeneration';
export type { GenerationChecksum, TableDifference } from './rebuild/checksum';
export { generationChecksum } from './rebuild/checksum';
export { resumeOrg, skipFailedEvent, type AdminDeps, type SkipRequest } from './admin/resumeAndSkip';
export { projectionStatus, type OrgStatus, type RunningRebuild } from './admin/projectionStatus';
export { PROJECTION_AUDIT_STREAM, PROJECTION_SKIPPED_VERSION, type ProjectionAuditType } from './audit/projectionAudit';
export {
  loadProjectionMigrations,
  projectionTablesMigration,
  PROJECTIONS_MIGRATIONS_DIR,
} from './schema/projectionMigrations';
export { ownedTableSql } from './schema/ownedTableSql';
export { projectionGrantsSql } from './schema/projectionGrants';
export { readStates, type ProjectionState } from './store/stateStore';
export { demoProjection, DEMO_PROJECTION_NAME } from './examples/demo/demoProjection';
export { demoAccountEvents, demoMovements, dayString } from './examples/demo/demoEvents';
export {
  ProjectionWaiter,
  activeGeneration,
  type ProjectionBehind,
  type ViewState,
  type WaiterLedger,
  type WaiterOptions,
} from './consistency/projectionWaiter';
export { handlingOnly, type EventFilter } from './delivered/sourceSplit';
export { applyDeliveredEvent, applyDeliveredEvents, type DeliveredOutcome } from './delivered/applyDelivered';
export { applyDeliveredRun } from './delivered/deliveredRun';
export {
  IGNORED,
  projectionHandlers,
  unhandledFollowedTypes,
  type FollowedHandlers,
  type Ignored,
  type OwnHandlers,
  type ServiceHandlers,
} from './definition/catalogHandlers';
