import type { Pool } from 'pg';
import { WakeableDelay, type StoredLogPage } from '@ledger/ledger';
import { SpanKind } from '@opentelemetry/api';
import { linksTo, recordInTraces, recordSpan } from '@ledger/observability';
import { Backoff } from './backoff';
import { storedEventMessage } from './eventMessage';
import { splitByBytes } from './messageBatches';
import type { OutboxRelayOptions, RelayLedger, RelayStage } from './outboxRelayOptions';
import { readRelayBacklog, readRelayCheckpoint, writeRelayCheckpoint } from './relayCheckpoints';
import { outboxMetrics, type RelayIdentity, type RelayMetrics } from './relayMetrics';
import { RelayProducer } from './relayProducer';
import { eventTopic } from '@ledger/contracts';

const STOPPED = Symbol('stopped');
type Stopped = typeof STOPPED;

/**
 * Publishes a service's ledger events to its topic, at least once, in the ledger's global log
 * order (so each org's events keep their order), from a checkpoint kept in PostgreSQL.
 *
 * A round reads the next own-category events after the checkpoint (the database passes over the
 * others), sends them, and only once the broker has acknowledged all of them moves the checkpoint
 * to the end of the stretch of log the read looked at.
 * Any failure retries the same step for ever with capped backoff, so a crash or an outage
 * re-publishes at worst and never skips.
 */
export class OutboxRelay {
  readonly name: string;
  readonly topic: string;
  private readonly pool: Pool;
  private readonly ledger: RelayLedger;
  private readonly categories: readonly string[];
  private readonly identity: RelayIdentity;
  private readonly producer: RelayProducer;
  private readonly metrics: RelayMetrics;
  private readonly backoff: Backoff;
  private readonly batchSize: number;
  private readonly maxBatchBytes: number;
  private readonly pollMs: number;
  private unsubscribe: () => void = () => undefined;
  private readonly backlogIntervalMs: number;
  private readonly onError: (error: unknown, stage: RelayStage) => void;
  private readonly idle = new WakeableDelay();
  private readonly pause = new WakeableDelay();
  private running = false;
  /** Set by a sequencer signal since the last page read began, so that a signal during a read is not missed. */
  private signalled = false;
  private loop: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;
  private stopped: Promise<Stopped> = new Promise(() => undefined);
  private signalStop: () => void = () => undefined;
  private backlogTimer: NodeJS.Timeout | null = null;
  private refreshing = false;
  private checkpointing: Promise<unknown> = Promise.resolve();
  /** When the loop last completed a round, idle or not (ms since the epoch); 0 before its first. */
  lastRoundAt = 0;

  constructor(options: OutboxRelayOptions) {
    if (options.categories.length === 0) throw new Error('an outbox relay needs at least one stream category');
    this.name = options.name ?? options.service;
    this.topic = options.topic ?? eventTopic(options.service);
    this.pool = options.pool;
    this.ledger = options.ledger;
    this.categories = [...options.categories];
    this.identity = { service: options.service, topic: this.topic };
    this.producer = new RelayProducer(options.kafka, options.idempotent ?? true);
    this.metrics = options.metrics ?? outboxMetrics();
    this.backoff = new Backoff(options.backoff);
    this.batchSize = Math.max(1, options.batchSize ?? 2000);
    this.maxBatchBytes = options.maxBatchBytes ?? 900_000;
    this.pollMs = options.pollMs ?? 500;
    this.backlogIntervalMs = options.backlogIntervalMs ?? 1000;
    this.onError = options.onError ?? (() => undefined);
  }

  /** Whether the loop is meant to be running (started, neither stopped nor dead on a fatal error). */
  get isRunning(): boolean {
    return this.running;
  }

  /** Starts the loop; a relay runs once (build a new one to resume after `stop`). */
  start(): void {
    if (this.loop || this.stopping) return;
    this.running = true;
    this.stopped = new Promise((resolve) => (this.signalStop = () => resolve(STOPPED)));
    this.unsubscribe = this.ledger.onSequenced(this.onSequenced);
    this.backlogTimer = setInterval(() => void this.refreshBacklog(), this.backlogIntervalMs);
    this.backlogTimer.unref();
    this.loop = this.run().catch((error: unknown) => {
      this.running = false;
      this.onError(error, 'fatal');
    });
  }

  /**
   * Stops at once, even mid-send: kafkajs would hold an unacknowledged send for its whole retry
   * budget, and abandoning it is safe because its events are past the checkpoint, so the next
   * run publishes them again.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  /** Sequenced events after the checkpoint, of any category; 0 once the relay has caught up. */
  async backlog(): Promise<number> {
    const events = await readRelayBacklog(this.pool, this.name);
    this.metrics.backlog(this.identity, events);
    return events;
  }

  /** The last log sequence whose events are acknowledged (or not the relay's); -1 for none. */
  checkpoint(): Promise<number> {
    return readRelayCheckpoint(this.pool, this.name);
  }

  private async shutDown(): Promise<void> {
    if (!this.loop) return;
    this.running = false;
    this.signalStop();
    this.idle.wake();
    this.pause.wake();
    this.unsubscribe();
    if (this.backlogTimer) clearInterval(this.backlogTimer);
    await this.loop;
    await this.producer.reset();
  }

  private readonly onSequenced = (): void => {
    this.signalled = true;
    this.idle.wake();
  };

  private async run(): Promise<void> {
    const start = await this.attempt('read', () => readRelayCheckpoint(this.pool, this.name));
    if (start === STOPPED) return;
    let position = start;
    let readAhead: Promise<StoredLogPage> | null = null;
    while (this.running) {
      const page = await this.attempt('read', () => {
        // The page read ahead is used once; a retry reads afresh.
        const read = readAhead ?? this.readPage(position + 1);
        readAhead = null;
        return read;
      });
      if (page === STOPPED) return;
      if (page.scannedThrough === position) {
        this.lastRoundAt = Date.now();
        if (!this.signalled) await this.wait(this.idle, this.pollMs);
        continue;
      }
      // More is waiting, or was sequenced during the read: read it while this page is on its way to the broker.
      if (page.scannedThrough < page.head || this.signalled) readAhead = this.readAhead(page.scannedThrough + 1);
      const startedAt = Date.now();
      const next = await this.relay(page);
      if (next === STOPPED) return;
      this.lastRoundAt = Date.now();
      this.recordRound(page, startedAt);
      position = next;
    }
  }

  /**
   * The round's span links to the spans that appended its events, and each of their traces
   * gets a `bus.relay.publish` span beneath the append, so one user action's trace runs from
   * its request through the relay to the consumers.
   */
  private recordRound(page: StoredLogPage, startedAt: number): void {
    const destination = { 'messaging.destination.name': this.topic };
    const traceparents = page.events.map((event) => event.traceparent);
    const round = recordSpan(
      '@ledger/bus',
      'bus.relay.round',
      startedAt,
      { ...destination, 'messaging.batch.message_count': page.events.length },
      undefined,
      { kind: SpanKind.PRODUCER, links: linksTo(traceparents) },
    );
    recordInTraces('@ledger/bus', 'bus.relay.publish', startedAt, traceparents, {
      batch: round,
      countAttribute: 'messaging.batch.message_count',
      attributes: destination,
      kind: SpanKind.PRODUCER,
    });
  }

  /**
   * Publishes a page's events, then starts checkpointing the end of what it looked at; returns
   * the new checkpoint. The write runs on while the next round reads and sends: a crash before it
   * lands re-publishes the round, as a crash between acknowledgement and checkpoint always did.
   */
  private async relay(page: StoredLogPage): Promise<number | Stopped> {
    const messages = page.events.map(storedEventMessage);
    for (const batch of splitByBytes(messages, this.maxBatchBytes)) {
      if ((await this.attempt('publish', () => this.producer.send(this.topic, batch))) === STOPPED) return STOPPED;
      this.metrics.published(this.identity, batch.length);
    }
    // One checkpoint in flight at most: the previous round's commits while this one is sent, and
    // this one is written only once that one is (GREATEST in the write keeps the row monotonic anyway).
    if ((await Promise.race([this.checkpointing, this.stopped])) === STOPPED) return STOPPED;
    const last = page.scannedThrough;
    this.checkpointing = this.attempt('checkpoint', () => writeRelayCheckpoint(this.pool, this.name, last));
    return last;
  }

  private readPage(from: number): Promise<StoredLogPage> {
    // Only a signal after this read began can mean events the read may have missed.
    this.signalled = false;
    // Stored text as is: the relay publishes the sealed envelope, holds no keys and parses nothing.
    return this.ledger.readStoredLog({ from, limit: this.batchSize, categories: this.categories });
  }

  private readAhead(from: number): Promise<StoredLogPage> {
    const read = this.readPage(from);
    // Its failure surfaces, and is retried, when the loop takes the page; not as an unhandled rejection.
    read.catch(() => undefined);
    return read;
  }

  /** Runs a step until it succeeds or the relay stops; the same step, so a batch is retried whole. */
  private async attempt<T>(stage: RelayStage, step: () => Promise<T>): Promise<T | Stopped> {
    while (this.running) {
      try {
        const result = await Promise.race([step(), this.stopped]);
        this.backoff.reset();
        return result;
      } catch (error) {
        if (!this.running) break;
        if (stage === 'publish') {
          this.metrics.publishFailed(this.identity);
          await this.producer.reset();
        }
        this.onError(error, stage);
        void this.refreshBacklog();
        await this.wait(this.pause, this.backoff.next());
      }
    }
    return STOPPED;
  }

  private async wait(delay: WakeableDelay, ms: number): Promise<void> {
    await Promise.race([delay.wait(ms), this.stopped]);
  }

  private async refreshBacklog(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      await this.backlog();
    } catch {
      // The loop reports database failures; the gauge keeps its last value meanwhile.
    } finally {
      this.refreshing = false;
    }
  }
}
