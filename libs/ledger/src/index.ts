export { Ledger, type LedgerOptions, type SubscribeOptions } from './ledger';
export * from './store';
export * from './command';
export { eventStoreConformance, type EventStoreHarness } from './testing/eventStoreConformance';
export { GroupAppender, type GroupAppenderOptions } from './append/groupAppender';
export { createPool, LEDGER_WRITER_ROLE, type LedgerPoolOptions } from './pool';
export * from './events/types';
export * from './errors/ledgerError';
export {
  CANONICAL_FORMAT_VERSION,
  canonicalJson,
  canonicalEvent,
  leafHashOf,
  type PersonalEnvelope,
} from './events/canonicalEvent';
export { streamCategory, ORG_ID_PATTERN, STREAM_ID_PATTERN, MAX_EVENTS_PER_APPEND } from './events/validateAppend';
export { MAX_EVENT_BYTES } from './append/preparedEvent';
export { LocalKeyProvider, type KeyProvider } from './crypto/keyProvider';
// Seals a personal part exactly as the store does, for messages built outside an append (contract samples).
export { encryptPersonal } from './crypto/personalCipher';
export { migrate, loadMigrations, LEDGER_MIGRATIONS_DIR, type Migration, type MigrationReport } from './schema/migrate';
export { ledgerRequestGrantsSql, ledgerServiceGrantsSql } from './schema/serviceGrants';
export type { Subscription, SubscriptionOptions, SequencedSource } from './subscription/subscription';
export type { ReadStreamOptions } from './read/readStream';
export type { ReadSequencedOptions } from './read/readSequenced';
export type { ReadStoredLogOptions, StoredLogEvent, StoredLogPage } from './read/readStoredLog';
export type { PersonalAccess } from './read/unsealPersonal';
export * from './tree';
export * from './signing';
export * from './verify';
export * from './export';
export { WakeableDelay } from './timing/wakeableDelay';
export * from './retention';
export {
  readRecordAsOf,
  historyEntries,
  reasonOfEvent,
  type HistoryEntry,
  type ReasonState,
  type RecordReadOptions,
} from './history/recordHistory';
export { complianceHistoryOf, type ComplianceHistoryEntry } from './history/complianceHistory';
export { readRecordHistory, type RecordHistory } from './history/readRecordHistory';
export * from './erasure';
export {
  EVENTS_SKIPPED_METRIC,
  READER_KINDS,
  SkippedEvents,
  sequenceHoles,
  skippedEvents,
  type ReaderKind,
} from './telemetry/skippedEvents';
