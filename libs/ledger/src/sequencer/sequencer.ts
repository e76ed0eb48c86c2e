import { EventEmitter } from 'node:events';
import { WakeableDelay } from '../timing/wakeableDelay';
import type { Pool } from 'pg';
import { recordSpan } from '@ledger/observability';
import { LedgerMetrics } from '../telemetry/ledgerMetrics';
import { sequenceBatch } from './sequenceBatch';
import { measureSequencerLag, SequencerLagMetrics } from './sequencerLag';

export interface SequencerOptions {
  batchSize?: number;
  /** How often to look for work nobody told this process about (appends from other processes). */
  idlePollMs?: number;
  /**
   * Longest pause after a partial batch, trading a little latency for fewer, larger batches; the
   * pause is 1 ms per event the batch sequenced, up to this (default 25).
   */
  coalesceMs?: number;
  /** Called with errors the loop survives (it retries); must not log event content. */
  onError?: (error: unknown) => void;
  /** How often the lag gauges are measured while the sequencer runs (default 5000 ms; 0: never). */
  lagProbeMs?: number;
}

const LAST_POSITION_SQL = 'SELECT coalesce(max(position), 0) AS last FROM ledger_events';
/** Committed rows after the cursor in its own order: those the sequencer has yet to take. */
const WAITING_SQL = `SELECT EXISTS (
  SELECT 1 FROM ledger_events e, ledger_sequencer_cursor c
   WHERE (e.tx_id, e.position) > (c.last_tx_id, c.last_position) AND e.position <= $1) AS waiting`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** After an in-process append, keep looking quickly for this long: its commit may trail the poke. */
const EAGER_WINDOW_MS = 2_000;
const MAX_EAGER_DELAY_MS = 16;

/**
 * Runs sequencer batches in a loop. Appends in this process poke it; appends elsewhere are
 * found by the idle poll. Emits `sequenced` with the last log sequence after each batch.
 */
export class Sequencer extends EventEmitter {
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly delay = new WakeableDelay();
  private lastPokeAt = 0;
  private readonly batchSize: number;
  private readonly idlePollMs: number;
  private readonly coalesceMs: number;
  private readonly metrics = new LedgerMetrics();
  /** When a batch last completed without an error (ms since the epoch); 0 before the first. */
  lastCompletedAt = 0;
  private lagProbe: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly options: SequencerOptions = {},
  ) {
    super();
    this.batchSize = options.batchSize ?? 5000;
    this.idlePollMs = options.idlePollMs ?? 200;
    this.coalesceMs = options.coalesceMs ?? 25;
  }

  /** Whether the loop is meant to be running (started, not stopped). */
  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    const probeMs = this.options.lagProbeMs ?? 5000;
    if (probeMs > 0) {
      const lag = new SequencerLagMetrics();
      let measuring = false;
      this.lagProbe = setInterval(() => {
        if (measuring) return;
        measuring = true;
        // A failed measurement keeps the gauges' last values; the loop reports database errors.
        void measureSequencerLag(this.pool)
          .then(
            (measured) => lag.record(measured),
            () => undefined,
          )
          .finally(() => (measuring = false));
      }, probeMs);
      this.lagProbe.unref();
    }
  }

  poke(): void {
    this.lastPokeAt = Date.now();
    this.delay.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.lagProbe) clearInterval(this.lagProbe);
    this.delay.wake();
    await this.loop;
    this.loop = null;
  }

  /**
   * Runs batches until every event committed before the call is sequenced; for tools and tests
   * that need it now. A batch may find nothing while an older transaction is still open (its rows
   * could still come first), so an empty batch ends the drain only when nothing is left waiting.
   */
  async drain(): Promise<number> {
    const { rows } = await this.pool.query<{ last: string }>(LAST_POSITION_SQL);
    const last = Number(rows[0].last);
    let total = 0;
    for (;;) {
      const outcome = await sequenceBatch(this.pool, this.batchSize);
      if (outcome.sequenced > 0) this.emit('sequenced', outcome.lastLogSeq);
      total += outcome.sequenced;
      if (outcome.ran && outcome.sequenced === 0 && !(await this.waiting(last))) return total;
      if (outcome.sequenced === 0) await sleep(5);
    }
  }

  /** Whether a committed event at or below `last` is still to be sequenced. */
  private async waiting(last: number): Promise<boolean> {
    const { rows } = await this.pool.query<{ waiting: boolean }>(WAITING_SQL, [last]);
    return rows[0].waiting;
  }

  private async run(): Promise<void> {
    let eagerDelay = 1;
    while (this.running) {
      let sequenced = 0;
      const startedAt = Date.now();
      try {
        const outcome = await sequenceBatch(this.pool, this.batchSize);
        sequenced = outcome.sequenced;
        this.lastCompletedAt = Date.now();
        this.metrics.sequenced(outcome.ran ? (sequenced > 0 ? 'sequenced' : 'idle') : 'elsewhere', sequenced);
        if (sequenced > 0) {
          recordSpan('@ledger/ledger', 'ledger.sequencer.batch', startedAt, { 'ledger.events': sequenced });
          this.emit('sequenced', outcome.lastLogSeq);
        }
      } catch (error) {
        this.metrics.sequenced('failed');
        recordSpan('@ledger/ledger', 'ledger.sequencer.batch', startedAt, {}, error);
        this.options.onError?.(error);
        await this.delay.wait(this.idlePollMs);
        continue;
      }
      if (sequenced > 0) {
        eagerDelay = 1;
        // A partial batch means the sequencer has caught up: let appends accumulate so that its
        // fixed per-batch cost (a transaction, the tree, a notification that wakes every reader)
        // is shared by more events. The pause grows with the batch, so a trickle of appends is
        // sequenced at once while a steady stream settles into batches of the cap's worth.
        if (sequenced < this.batchSize) await sleep(Math.min(this.coalesceMs, sequenced));
      } else if (Date.now() - this.lastPokeAt < EAGER_WINDOW_MS) {
        await sleep(eagerDelay);
        eagerDelay = Math.min(eagerDelay * 2, MAX_EAGER_DELAY_MS);
      } else {
        await this.delay.wait(this.idlePollMs);
        eagerDelay = 1;
      }
    }
  }
}
