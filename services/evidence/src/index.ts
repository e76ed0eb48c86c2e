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
export * from './list-evidence/evidenceAccess';
export type { IngestMessageInput, IngestResult } from './ingest-document/ingestDocument.handler';
export { INGEST_LIMITS } from './ingest-document/ingestDocument.handler';
export type { PinSpanInput, SpanView } from './pin-span/pinSpan.handler';
export type { DocumentView, DocumentVersionView, VersionContentView } from './read-document/readDocument.handler';
export type { ThreadView, ThreadMessageView } from './read-thread/readThread.handler';
export type { StaleSpansReport, StaleSpanView } from './read-spans/readSpans.handler';
export type { RegisterProviderAccountInput } from './provider-accounts/providerAccounts.handler';
export { MAX_LABEL_LENGTH } from './provider-accounts/providerAccounts.handler';
export { TOMBSTONE_REASONS, type TombstoneReason, type DeleteResult } from './delete-document/deleteDocument.handler';
export {
  EVIDENCE_FILTERS,
  DEFAULT_EVIDENCE_LIMIT,
  evidenceListSql,
  MAX_EVIDENCE_LIMIT,
  type EvidenceFilterField,
  type EvidenceListInput,
  type EvidenceItem,
  type EvidencePage,
} from './list-evidence/listEvidence.handler';
export { EvidenceModule } from './evidence.module';
export { evidenceService } from './evidence.descriptor';
