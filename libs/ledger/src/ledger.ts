import type { Pool, PoolClient } from 'pg';
import { Appender } from './append/appender';
import type { KeyProvider } from './crypto/keyProvider';
import { StreamKeys } from './crypto/streamKeys';
import { assertOrgId, assertStreamId } from './events/validateAppend';
import type { AppendRequest, AppendResult, RecordedEvent, SequencedEvent } from './events/types';
import { readEvents } from './read/readEvents';
import { readStream, type ReadStreamOptions } from './read/readStream';
import { readAllPage, readOrgPage, readPages, type ReadSequencedOptions } from './read/readSequenced';
import { readStoredLogPage, type ReadStoredLogOptions, type StoredLogPage } from './read/readStoredLog';
import type { PersonalAccess } from './read/unsealPersonal';
import { Sequencer, type SequencerOptions } from './sequencer/sequencer';
import { SequencedSignal } from './subscription/sequencedSignal';
import { createSubscription, type Subscription, type SubscriptionOptions } from './subscription/subscription';

export interface LedgerOptions {
  pool: Pool;
  keyProvider: KeyProvider;
  /** Lets subscribers hear other processes' sequencer through LISTEN/NOTIFY. */
  connectionString?: string;
  /** Run the sequencer in this process (default true). Several may run; they take turns. */
  runSequencer?: boolean;
  sequencer?: SequencerOptions;
}

export interface SubscribeOptions extends SubscriptionOptions {
  personal?: PersonalAccess;
}

/** The append-only ledger: append, read, subscribe and shred, over one PostgreSQL pool. */
export class Ledger {
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

  readStream(orgId: string, streamId: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    assertOrgId(orgId);
    assertStreamId(streamId);
    return readStream(this.options.pool, this.keys, orgId, streamId, options);
  }

  /** Events of one org by id, in the order given; unknown ids and other orgs' ids are left out. */
  readEvents(
    orgId: string,
    eventIds: readonly string[],
    personal: PersonalAccess = 'withhold',
  ): Promise<RecordedEvent[]> {
    assertOrgId(orgId);
    return readEvents(this.options.pool, this.keys, orgId, eventIds, personal);
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

  /** The number of sequenced events of an org (its next per-org sequence number). */
  async orgSize(orgId: string): Promise<number> {
    assertOrgId(orgId);
    const { rows } = await this.options.pool.query<{ next_seq: string }>(
      'SELECT next_seq FROM ledger_org_heads WHERE org_id = $1',
      [orgId],
    );
    return rows.length === 0 ? 0 : Number(rows[0].next_seq);
  }

  async close(): Promise<void> {
    await this.sequencer.stop();
    await this.signal.close();
  }
}
