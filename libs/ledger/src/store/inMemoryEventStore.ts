import { EventEmitter } from 'node:events';
import { streamKeyOf, type StreamRef } from '../crypto/streamKeys';
import { assertOrgId, assertStreamId } from '../events/validateAppend';
import type { AppendRequest, AppendResult, RecordedEvent, SequencedEvent } from '../events/types';
import type { ReadSequencedOptions } from '../read/readSequenced';
import type { ReadStoredLogOptions, StoredLogPage } from '../read/readStoredLog';
import type { ReadStreamOptions } from '../read/readStream';
import type { ParsedPage } from '../read/rowToEvent';
import { openWithKeys, type PersonalAccess } from '../read/unsealPersonal';
import { createSubscription, type SequencedSource, type Subscription } from '../subscription/subscription';
import type { EventStore, SubscribeOptions } from './eventStore';
import { appendInMemory } from './memoryAppend';
import { MemoryKeys } from './memoryKeys';
import { MemoryLog, parseMemoryRows, parseMemorySequenced, type MemoryRow } from './memoryLog';
import { MemoryOrgIndex } from './memoryOrgIndex';
import { sequencePage, storedLogPage, streamPage } from './memoryPages';
import type { OrgRangeOptions } from './orgReads';

class MemorySignal extends EventEmitter implements SequencedSource {
  constructor() {
    super();
    this.setMaxListeners(0);
  }

  ensureListening(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The event store in memory, for domain and use-case tests that need no database. It keeps the
 * PostgreSQL store's behaviour, held to it by `eventStoreConformance`: the same validation and
 * error codes, expected revisions, idempotency by event id (same content → the stored positions,
 * other content → LEDGER.EVENT_ID_CONFLICT), the same canonical text and leaf hashes, dense
 * per-org and log sequences, catch-up-then-live subscriptions.
 *
 * Where it differs, and why:
 * - Appends are sequenced as they are stored (there is no late commit to wait for), so
 *   `readOrg` sees an append as soon as it returns; the PostgreSQL store sequences a few
 *   milliseconds later. Code that is correct on PostgreSQL waits for sequencing, and loses
 *   nothing when it happens at once.
 * - Personal data is sealed exactly as PostgreSQL stores it (AES-256-GCM under a per-stream data
 *   key, with the same keyed digest for idempotency), but the data keys live unwrapped in this
 *   object's memory: there is no master key and nothing outlives the process. `shred` drops the
 *   stream's key, so reads show `erased` and later personal appends fail with
 *   LEDGER.STREAM_ERASED, while canonical text and hashes stay unchanged. Sealing rather than
 *   keeping the clear text means a test that shreds sees what production shows.
 * - No transactions: `append` takes no client; its checks and write happen in one synchronous
 *   step, so racing appends serialise and exactly one of several with the same expected
 *   revision wins.
 */
export class InMemoryEventStore extends MemoryOrgIndex implements EventStore {
  private readonly keys = new MemoryKeys();
  private readonly signal = new MemorySignal();

  constructor() {
    super(new MemoryLog());
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    const result = appendInMemory(this.log, this.keys, request);
    if (!result.alreadyStored) this.notifySequenced();
    return result;
  }

  async *readStream(orgId: string, streamId: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    assertOrgId(orgId);
    assertStreamId(streamId);
    const backward = options.direction === 'backward';
    const batchSize = options.batchSize ?? 500;
    let next = options.fromRevision ?? (backward ? Number.MAX_SAFE_INTEGER : 0);
    for (;;) {
      const rows = streamPage(this.log, orgId, streamId, next, batchSize, options.direction);
      yield* this.unseal(parseMemoryRows(rows), options.personal ?? 'withhold');
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1].streamRevision;
      next = backward ? last - 1 : last + 1;
      if (next < 0) return;
    }
  }

  async readEvents(
    orgId: string,
    eventIds: readonly string[],
    personal: PersonalAccess = 'withhold',
  ): Promise<RecordedEvent[]> {
    assertOrgId(orgId);
    const rows = [...new Set(eventIds)]
      .map((id) => this.log.byId(id))
      .filter((row): row is MemoryRow => row !== undefined && row.orgId === orgId);
    return this.unseal(parseMemoryRows(rows), personal);
  }

  readOrg(orgId: string, options: ReadSequencedOptions = {}): AsyncGenerator<SequencedEvent> {
    assertOrgId(orgId);
    return this.pages(
      (from, limit) => sequencePage(this.log.org(orgId), from, limit),
      (e) => e.orgSeq,
      options,
    );
  }

  async readOrgRange(orgId: string, options: OrgRangeOptions): Promise<SequencedEvent[]> {
    assertOrgId(orgId);
    const through = options.through ?? Number.MAX_SAFE_INTEGER;
    const rows = sequencePage(this.log.org(orgId), options.after + 1, options.limit).filter((r) => r.orgSeq <= through);
    return this.unseal(parseMemorySequenced(rows), options.personal ?? 'withhold');
  }

  readAll(options: ReadSequencedOptions = {}): AsyncGenerator<SequencedEvent> {
    return this.pages(
      (from, limit) => sequencePage(this.log.rows, from, limit),
      (e) => e.logSeq,
      options,
    );
  }

  async readStoredLog(options: ReadStoredLogOptions): Promise<StoredLogPage> {
    return storedLogPage(this.log, options);
  }

  subscribeToOrg(orgId: string, options: SubscribeOptions = {}): Subscription {
    assertOrgId(orgId);
    const personal = options.personal ?? 'withhold';
    const read = async (from: number, limit: number) =>
      this.unseal(parseMemorySequenced(sequencePage(this.log.org(orgId), from, limit)), personal);
    return createSubscription(read, (event) => event.orgSeq, this.signal, options);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const personal = options.personal ?? 'withhold';
    const read = async (from: number, limit: number) =>
      this.unseal(parseMemorySequenced(sequencePage(this.log.rows, from, limit)), personal);
    return createSubscription(read, (event) => event.logSeq, this.signal, options);
  }

  onSequenced(listener: (lastLogSeq: number) => void): () => void {
    this.signal.on('sequenced', listener);
    return () => this.signal.off('sequenced', listener);
  }

  async shred(orgId: string, streamId: string): Promise<boolean> {
    assertOrgId(orgId);
    assertStreamId(streamId);
    return this.keys.shred(orgId, streamId);
  }

  private notifySequenced(): void {
    try {
      this.signal.emit('sequenced', this.log.rows.length - 1);
    } catch {
      // A listener's failure is its own: the append stands, as with the PostgreSQL sequencer.
    }
  }

  private async *pages(
    select: (from: number, limit: number) => MemoryRow[],
    next: (event: SequencedEvent) => number,
    options: ReadSequencedOptions,
  ): AsyncGenerator<SequencedEvent> {
    const batchSize = options.batchSize ?? 1000;
    const personal = options.personal ?? 'withhold';
    let from = options.from ?? 0;
    for (;;) {
      const page = this.unseal(parseMemorySequenced(select(from, batchSize)), personal);
      yield* page;
      if (page.length < batchSize) return;
      from = next(page[page.length - 1]) + 1;
    }
  }

  private unseal<E extends RecordedEvent>(page: ParsedPage<E>, access: PersonalAccess): E[] {
    if (access === 'withhold') return page.events;
    const streams = new Map<string, StreamRef>();
    page.events.forEach((event, i) => {
      if (page.envelopes[i] !== null) streams.set(streamKeyOf(event.orgId, event.streamId), event);
    });
    return openWithKeys(page, this.keys.load([...streams.values()]));
  }
}
