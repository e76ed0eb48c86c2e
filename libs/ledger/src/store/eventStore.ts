import type { AppendRequest, AppendResult, RecordedEvent, SequencedEvent } from '../events/types';
import type { ReadSequencedOptions } from '../read/readSequenced';
import type { ReadStoredLogOptions, StoredLogPage } from '../read/readStoredLog';
import type { ReadStreamOptions } from '../read/readStream';
import type { PersonalAccess } from '../read/unsealPersonal';
import type { Subscription, SubscriptionOptions } from '../subscription/subscription';
import type { OrgSeqBounds, OrgSize, OrgRangeOptions, RecordedWindow } from './orgReads';

export interface SubscribeOptions extends SubscriptionOptions {
  personal?: PersonalAccess;
}

/**
 * The event store as services, projections and the relay use it. `Ledger` implements it over
 * PostgreSQL and `InMemoryEventStore` in memory; `eventStoreConformance` holds both to the same
 * behaviour.
 *
 * Two orders exist. Appends are visible to stream reads (`readStream`, `readEvents`) at once;
 * the per-org sequence (`orgSeq`, dense from 0) and the global log sequence (`logSeq`) are
 * assigned once the append is sequenced, which may trail the append a little. Everything named
 * "sequenced" below reads that second order; what says "committed" counts events either way.
 */
export interface EventStore {
  /** Appends atomically at the expected revision; an event id already stored with the same content is not written twice. */
  append(request: AppendRequest): Promise<AppendResult>;

  /** One stream's events by revision, forward (default) or backward from `fromRevision`. */
  readStream(orgId: string, streamId: string, options?: ReadStreamOptions): AsyncGenerator<RecordedEvent>;

  /** Events of one org by id, in the order given; unknown ids and other orgs' ids are left out. */
  readEvents(orgId: string, eventIds: readonly string[], personal?: PersonalAccess): Promise<RecordedEvent[]>;

  /** An org's sequenced events from per-org sequence `from` (inclusive), gap-free and in order. */
  readOrg(orgId: string, options?: ReadSequencedOptions): AsyncGenerator<SequencedEvent>;

  /** One page of an org's sequenced events after `after`, up to `through`: what projection batches read. */
  readOrgRange(orgId: string, options: OrgRangeOptions): Promise<SequencedEvent[]>;

  /** Every org's sequenced events from log sequence `from` (inclusive), in log order. */
  readAll(options?: ReadSequencedOptions): AsyncGenerator<SequencedEvent>;

  /** One window of the global log as stored, of some categories only; personal parts stay sealed. */
  readStoredLog(options: ReadStoredLogOptions): Promise<StoredLogPage>;

  /** Catch-up then live: from `from`, every sequenced event of the org once, in per-org order. */
  subscribeToOrg(orgId: string, options?: SubscribeOptions): Subscription;

  /** Catch-up then live over every org, in log order. */
  subscribeToAll(options?: SubscribeOptions): Subscription;

  /** A hint that events were sequenced (with the last log sequence); returns the unsubscribe function. */
  onSequenced(listener: (lastLogSeq: number) => void): () => void;

  /** Erases a stream's personal data for good; false when it was already erased. */
  shred(orgId: string, streamId: string): Promise<boolean>;

  /** The number of sequenced events of an org: its next per-org sequence number. */
  orgSize(orgId: string): Promise<number>;

  /** Every org with sequenced events and its size, ordered by org id (one org when given). */
  orgSizes(orgId?: string): Promise<OrgSize[]>;

  /** The last sequenced log sequence, -1 when nothing is sequenced. */
  logHead(): Promise<number>;

  /** Global positions of an org's sequenced events, by per-org sequence; unknown numbers are left out. */
  positionsOf(orgId: string, orgSeqs: readonly number[]): Promise<Map<number, number>>;

  /** Per-org sequence of events by global position; positions not sequenced yet are left out. */
  orgSeqsOf(positions: readonly number[]): Promise<Map<number, number>>;

  /** Position of the org's last sequenced event; null when none is. */
  lastSequencedPosition(orgId: string): Promise<number | null>;

  /**
   * Position of the org's newest committed event, sequenced or not; null when it has none. The
   * PostgreSQL store looks for unsequenced events only in the log's recent tail.
   */
  lastCommittedPosition(orgId: string): Promise<number | null>;

  /** When the org's event at `orgSeq` was recorded; null when there is none. */
  recordedAt(orgId: string, orgSeq: number): Promise<Date | null>;

  /** First and last per-org sequence below `window.before` of events recorded in [from, to); null when none. */
  orgSeqBoundsRecorded(orgId: string, window: RecordedWindow): Promise<OrgSeqBounds | null>;

  /** Whether the org has any committed event. */
  hasEvents(orgId: string): Promise<boolean>;

  /** The org's committed events, of the given types only when `types` is given. */
  countEvents(orgId: string, options?: { types?: readonly string[] }): Promise<number>;
}
