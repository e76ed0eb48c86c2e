export * from './evidenceError';
export * from './accounts/providerAccount';
export * from './documents/gmailMessage';
export * from './documents/documentIdentity';
export * from './documents/sourceHash';
export * from './documents/documentEvents';
export * from './documents/documentState';
export * from './documents/decideIngest';
export * from './documents/decideDelete';
export * from './spans/pinSpan';
export * from './accounts/accountEvents';
export * from './projection/evidenceProjection';
export * from './app/evidenceDeps';
export * from './app/evidenceApp';
export * from './app/spanEvents';
export * from './app/evidenceAccess';
export type { IngestMessageInput, IngestResult } from './app/ingestDocument';
export { INGEST_LIMITS } from './app/ingestDocument';
export type { PinSpanInput, SpanView } from './app/pinSpanCommand';
export type { DocumentView, DocumentVersionView, VersionContentView } from './app/readDocument';
export type { ThreadView, ThreadMessageView } from './app/readThread';
export type { StaleSpansReport, StaleSpanView } from './app/spanQueries';
export type { RegisterProviderAccountInput } from './app/providerAccounts';
export { MAX_LABEL_LENGTH } from './app/providerAccounts';
export { TOMBSTONE_REASONS, type TombstoneReason, type DeleteResult } from './app/deleteDocument';
export {
  EVIDENCE_FILTERS,
  DEFAULT_EVIDENCE_LIMIT,
  evidenceListSql,
  MAX_EVIDENCE_LIMIT,
  type EvidenceFilterField,
  type EvidenceListInput,
  type EvidenceItem,
  type EvidencePage,
} from './app/evidenceList';
export { EvidenceModule } from './evidence.module';
export { evidenceService } from './evidence.descriptor';
