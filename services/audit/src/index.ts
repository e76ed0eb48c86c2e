export * from './auditError';
export * from './validation';
export * from './projection/auditTrailProjection';
export * from './trail/trailQuery';
export * from './trail/trailCursor';
export * from './export/exportRequest';
export * from './export/trailCsv';
export { TRAIL_FILES } from './export/trailFiles';
export { EXAMINER_VERIFIER, bundleReadme } from './export/bundleReadme';
// The archive writer of audit exports: the offline verifier's tests read what it writes.
export { tarGzStream } from './export/tarGz';
export type { AuditDeps } from './audit.deps';
export * from './query-trail/queryTrail.handler';
export * from './export-trail/exportTrail.handler';
export * from './export-trail/recordExport';
export * from './verify-ledger/verifyLedger.handler';
export * from './projection-admin/projectionAdmin.handler';
export * from './audit.app';
export {
  carryOutDueErasures,
  requestErasure,
  readErasure,
  ERASURE_SWEEPER_ACTOR,
  type ErasureDeps,
  type CarriedOutErasure,
} from './erasure/erasure.handler';
export type { ErasureGuard } from './erasure/erasureGuard';
export {
  ERASURE_REQUESTED,
  ERASURE_CARRIED_OUT,
  erasureStreamId,
  erasureRequestedEvent,
  erasureCarriedOutEvent,
} from './erasure/erasureEvents';
export * from './config/auditKeys';
export { AUDIT_APP } from './http/tokens';
export { AuditModule } from './audit.module';
export { auditService } from './audit.descriptor';
