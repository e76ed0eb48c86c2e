export * from './retentionTypes';
export { RetentionError, type RetentionErrorCode } from './retentionError';
export {
  Retention,
  type RetentionOptions,
  type SetClassInput,
  type PlaceHoldInput,
  type ReleaseHoldInput,
} from './retention';
export { holdsCovering, coverageOf } from './coverage';
export { lockOrgHoldsExclusive, lockOrgHoldsShared } from './complianceLock';
export {
  COMPLIANCE_STREAM,
  sweepStream,
  retentionClassSetData,
  legalHoldPlacedData,
  legalHoldReleasedData,
  retentionShreddedData,
  type ComplianceEventType,
} from './complianceEvents';
export { MAX_REASON_LENGTH, MAX_DURATION_MONTHS, CATEGORY_PATTERN, ENTITY_ID_PATTERN } from './complianceInput';
export { dueStreams, type DueStream } from './dueStreams';
export {
  RetentionSweeper,
  DEFAULT_SWEEP_BATCH,
  type SweeperOptions,
  type SweepOptions,
  type SweepHooks,
  type SweepPlan,
  type CategoryPlan,
  type SweepProgress,
  type SweepResult,
} from './sweeper';
export {
  RetentionSweepMetrics,
  RetentionMonitor,
  measureRetention,
  RETENTION_METRICS,
  BACKLOG_COUNT_CAP,
  type RetentionStatus,
} from './retentionMetrics';
