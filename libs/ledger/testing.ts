// `@ledger/ledger/testing`: what other packages' tests need from the ledger's own test kit, a
// ledger on a fresh database and the tamper helpers that break a stored row on purpose.
export { createLedgerTestContext, countEvents, collect, type LedgerTestContext } from './src/testing/ledgerTestContext';
export {
  tamper,
  positionOf,
  overwriteActor,
  replaceInCanonical,
  renumberFrom,
  deleteRow,
  insertForgedRow,
} from './src/verify/testing/tamper';
export {
  countStoredEventsContaining,
  storedCanonicalTexts,
  storedEventIds,
  appliedMigrationVersions,
} from './src/testing/storedRows';
export { MovableClock } from './src/retention/testing/movableClock';
