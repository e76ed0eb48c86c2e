import type { Pool, PoolClient } from 'pg';
import { currentOrg } from '@ledger/postgres';
import { Appender } from './append/appender';
import type { KeyProvider } from './crypto/keyProvider';
import { StreamKeys } from './crypto/streamKeys';
import { destroyStreamKeys, type DestroyedKeys } from './erasure/destroyStreamKeys';
import { assertOrgId, assertStreamId } from './events/validateAppend';
import type { AppendRequest, AppendResult, RecordedEvent, SequencedEvent } from './events/types';
import { readEvents } from './read/readEvents';
import { readStream, type ReadStreamOptions } from './read/readStream';
import * as orgIndex from './read/orgIndex';
import { readAllPage, readOrgPage, readOrgRangePage, readPages, type ReadSequencedOptions } from './read/readSequenced';
import { readStoredLogPage, type ReadStoredLogOptions, type StoredLogPage } from './read/readStoredLog';
import type { PersonalAccess } from './read/unsealPersonal';
import { Sequencer, type SequencerOptions } from './sequencer/sequencer';
import { SequencedSignal } from './subscription/sequencedSignal';
import type { EventStore, SubscribeOptions } from './store/eventStore';
import type { OrgRangeOptions, OrgSeqBounds, OrgSize, RecordedWindow } from './store/orgReads';
import { createSubscription, type Subscription } from './subscription/subscription';

export type { SubscribeOptions } from './store/eventStore';

export interface LedgerOptions {
  pool: Pool;
  keyProvider: KeyProvider;
  /** Lets subscribers hear other processes' sequencer through LISTEN/NOTIFY. */
  connectionString?: string;
  /** Run the sequencer in this process (default true). Several may run; they take turns. */
  runSequencer?: boolean;
  sequencer?: SequencerOptions;
  /**
   * The request paths' org-scoped pool (`createPool({ orgScoped: true })`). A stream read or a
   * read of events by id for the org the caller runs in (`runInOrg`: an HTTP request's) goes
   * through it, so the state a command decides on, and what a request reads back, is read under
   * the request's org policy, not the engine's cross-org one.
   * Appends, and their expected-revision check, stay on `pool`: group commit shares one
   * statement across orgs (README, "Row-level security and roles").
   */
  orgReads?: Pool;
}

/** The append-only ledger: append, read, subscribe and shred, over one PostgreSQL pool. */
export class Ledger implements EventStore {
  private readonly keys: StreamKeys;
  private readonly appender: Appender;
  private readonly signal: SequencedSignal;
  readonly sequencer: Sequencer;

  constructor(private readonly options: LedgerOptions) {
    this.keys = new StreamKeys(options.pool, options.keyProvider);
    this.sequencer = new Sequencer(options.pool, options.sequencer);
    this.signal = new SequencedSignal(options.connectionString);
    this.sequencer.on('sequenced', (lastLogSeq: number) => this.signal.notify(lastLogSeq));
    this.appender = new Appender(options.pool, this.keys, () => this.sequencer.poke());
    if (options.runSequencer ?? true) this.sequencer.start();
  }

  /** Appends atomically; pass `client` to append inside the caller's open transaction. */
  append(request: AppendRequest, client?: PoolClient): Promise<AppendResult> {
    return this.appender.append(request, client);
  }

  /** `orgReads` for a read of the org the caller runs in, the engine's pool otherwise. */
  private readPool(orgId: string): Pool {
    const { orgReads } = this.options;
    return orgReads && currentOrg() === orgId ? orgReads : this.options.pool;
  }

  readStream(orgId: string, streamId: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    assertOrgId(orgId);
    assertStreamId(streamId);
    return readStream(this.readPool(orgId), this.keys, orgId, streamId, options);
  }

  /** Events of one org by id, in the order given; unknown ids and other orgs' ids are left out. */
  readEvents(
    orgId: string,
    eventIds: readonly string[],
    personal: PersonalAccess = 'withhold',
  ): Promise<RecordedEvent[]> {
    assertOrgId(orgId);
    return readEvents(this.readPool(orgId), this.keys, orgId, eventIds, personal);
  }

  /** An org's sequenced events from per-org sequence `from` (inclusive), in that order. */
  readOrg(orgId: string, options: ReadSequencedOptions = {}): AsyncGenerator<SequencedEvent> {
    assertOrgId(orgId);
    const personal = options.personal ?? 'withhold';
    return readPages(
      (from, limit) => readOrgPage(this.options.pool, this.keys, orgId, from, limit, personal),
      (event) => event.orgSeq,
      options,
    );
  }

  /**
   * One page of an org's sequenced events after `options.after`; pass `client` to read inside the
   * caller's open transaction (a projection batch reads and moves its checkpoint in one).
   */
  readOrgRange(orgId: string, options: OrgRangeOptions, client?: PoolClient): Promise<SequencedEvent[]> {
    assertOrgId(orgId);
    const range = { after: options.after, through: options.through ?? Number.MAX_SAFE_INTEGER, limit: options.limit };
    return readOrgRangePage(client ?? this.options.pool, this.keys, orgId, range, options.personal ?? 'withhold');
  }

  /** Every org's sequenced events from log sequence `from` (inclusive), in commit-safe order. */
  readAll(options: ReadSequencedOptions = {}): AsyncGenerator<SequencedEvent> {
    const personal = options.personal ?? 'withhold';
    return readPages(
      (from, limit) => readAllPage(this.options.pool, this.keys, from, limit, personal),
      (event) => event.logSeq,
      options,
    );
  }

  /**
   * One page of the global log as stored, of some stream categories only: for publishing events
   * on without parsing them. Personal parts stay sealed; no key is touched.
   */
  readStoredLog(options: ReadStoredLogOptions): Promise<StoredLogPage> {
    return readStoredLogPage(this.options.pool, options);
  }

  subscribeToOrg(orgId: string, options: SubscribeOptions = {}): Subscription {
    assertOrgId(orgId);
    const personal = options.personal ?? 'withhold';
    return createSubscription(
      (from, limit) => readOrgPage(this.options.pool, this.keys, orgId, from, limit, personal),
      (event) => event.orgSeq,
      this.signal,
      options,
    );
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const personal = options.personal ?? 'withhold';
    return createSubscription(
      (from, limit) => readAllPage(this.options.pool, this.keys, from, limit, personal),
      (event) => event.logSeq,
      this.signal,
      options,
    );
  }

  /**
   * Calls `listener` whenever events were sequenced, by this process's sequencer or, through
   * LISTEN/NOTIFY when a connection string was given, by another process's. A hint to read, not
   * a delivery: callers read the log themselves and still poll, since a notification can be lost.
   * Returns the function that unsubscribes.
   */
  onSequenced(listener: (lastLogSeq: number) => void): () => void {
    this.signal.on('sequenced', listener);
    // Listening failures leave polling in charge, as for subscriptions.
    this.signal.ensureListening().catch(() => undefined);
    return () => this.signal.off('sequenced', listener);
  }

  /** Crypto-shreds a stream's personal data; see StreamKeys.shred. */
  shred(orgId: string, streamId: string): Promise<boolean> {
    assertOrgId(orgId);
    assertStreamId(streamId);
    return this.keys.shred(orgId, streamId);
  }

  /**
   * Crypto-shreds several streams of an org at once, all or none, except those a legal hold in
   * force covers, and names each data key it destroyed (the hash of its wrapped form; null where
   * there was no live key).
   */
  eraseStreams(orgId: string, streamIds: readonly string[]): Promise<DestroyedKeys> {
    assertOrgId(orgId);
    for (const streamId of streamIds) assertStreamId(streamId);
    return destroyStreamKeys(this.options.pool, orgId, this.options.keyProvider.activeKeyId, streamIds);
  }

  /** The number of sequenced events of an org (its next per-org sequence number). */
  orgSize(orgId: string): Promise<number> {
    assertOrgId(orgId);
    return orgIndex.orgSize(this.options.pool, orgId);
  }

  orgSizes(orgId?: string): Promise<OrgSize[]> {
    if (orgId !== undefined) assertOrgId(orgId);
    return orgIndex.orgSizes(this.options.pool, orgId);
  }

  logHead(): Promise<number> {
    return orgIndex.logHead(this.options.pool);
  }

  positionsOf(orgId: string, orgSeqs: readonly number[]): Promise<Map<number, number>> {
    assertOrgId(orgId);
    return orgIndex.positionsOf(this.options.pool, orgId, orgSeqs);
  }

  orgSeqsOf(positions: readonly number[]): Promise<Map<number, number>> {
    return orgIndex.orgSeqsOf(this.options.pool, positions);
  }

  lastSequencedPosition(orgId: string): Promise<number | null> {
    assertOrgId(orgId);
    return orgIndex.lastSequencedPosition(this.options.pool, orgId);
  }

  lastCommittedPosition(orgId: string): Promise<number | null> {
    assertOrgId(orgId);
    return orgIndex.lastCommittedPosition(this.options.pool, orgId);
  }

  recordedAt(orgId: string, orgSeq: number): Promise<Date | null> {
    assertOrgId(orgId);
    return orgIndex.recordedAt(this.options.pool, orgId, orgSeq);
  }

  orgSeqBoundsRecorded(orgId: string, window: RecordedWindow): Promise<OrgSeqBounds | null> {
    assertOrgId(orgId);
    return orgIndex.orgSeqBoundsRecorded(this.options.pool, orgId, window);
  }

  hasEvents(orgId: string): Promise<boolean> {
    assertOrgId(orgId);
    return orgIndex.hasEvents(this.options.pool, orgId);
  }

  countEvents(orgId: string, options: { types?: readonly string[] } = {}): Promise<number> {
    assertOrgId(orgId);
    return orgIndex.countEvents(this.options.pool, orgId, options.types);
  }

  async close(): Promise<void> {
    await this.sequencer.stop();
    await this.signal.close();
  }
}
