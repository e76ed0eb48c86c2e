export type { EventStore, SubscribeOptions } from './eventStore';
export type { OrgRangeOptions, OrgSeqBounds, OrgSize, RecordedWindow } from './orgReads';
export { InMemoryEventStore } from './inMemoryEventStore';
export { ledgerReads, type LedgerReads } from './ledgerReads';
