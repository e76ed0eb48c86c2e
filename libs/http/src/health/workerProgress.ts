import { metrics, type Meter } from '@opentelemetry/api';

/** A loop of this process that must keep going round: the sequencer, a runner, the relay, a consumer. */
export interface WorkerProgress {
  /** Stable and bounded: `sequencer`, `projections`, `relay`, `consumer`. */
  name: string;
  /**
   * Whether a stall takes the process out of rotation. The in-process workers are: a write
   * waits for its projections. Kafka-side workers are not: another instance would stall the
   * same way during a broker outage, and pulling every instance's HTTP traffic would not help.
   */
  gatesReadiness: boolean;
  /** Whether its loop is meant to be running now (started and not stopped). */
  running(): boolean;
  /** When it last completed a round, idle or not (ms since the epoch); 0 before its first. */
  lastRoundAt(): number;
}

export type WorkerState = 'ok' | 'stalled' | 'stopped';

export interface WorkerReport {
  state: WorkerState;
  /** Seconds since its last round (or since it was registered, before its first). */
  sinceRoundSeconds: number;
}

/**
 * The workers of one process and how they are doing. A worker's loop completes a round every
 * poll even when idle, so a round older than `stallAfterMs` means a hung or failing loop, whatever
 * lag it last reported: a lag check alone stays green when the worker computing the lag is dead.
 */
export class ProcessWorkers {
  private readonly workers: Array<{ worker: WorkerProgress; registeredAt: number }> = [];

  constructor(
    private readonly stallAfterMs = 30_000,
    private readonly now: () => number = Date.now,
    meter: Meter = metrics.getMeter('@ledger/http'),
  ) {
    meter
      .createObservableGauge('ledger.worker.round.age', {
        description: 'Seconds since the worker last completed a round; grows only when its loop is hung or failing',
        unit: 's',
      })
      .addCallback((result) => {
        for (const [name, report] of Object.entries(this.report()))
          result.observe(report.sinceRoundSeconds, { worker: name });
      });
    meter
      .createObservableGauge('ledger.worker.stalled', {
        description: '1 while the worker is stalled or stopped, else 0',
      })
      .addCallback((result) => {
        for (const [name, report] of Object.entries(this.report())) {
          result.observe(report.state === 'ok' ? 0 : 1, { worker: name });
        }
      });
  }

  add(worker: WorkerProgress): void {
    this.workers.push({ worker, registeredAt: this.now() });
  }

  /** Every worker by name, and whether the ones that gate readiness are all `ok`. */
  report(): Record<string, WorkerReport> {
    const reports: Record<string, WorkerReport> = {};
    for (const { worker, registeredAt } of this.workers) reports[worker.name] = this.reportOf(worker, registeredAt);
    return reports;
  }

  /** Whether every worker that gates readiness is `ok`. */
  ready(reports: Record<string, WorkerReport> = this.report()): boolean {
    return this.workers.every(({ worker }) => !worker.gatesReadiness || reports[worker.name]?.state === 'ok');
  }

  private reportOf(worker: WorkerProgress, registeredAt: number): WorkerReport {
    const since = Math.max(0, this.now() - (worker.lastRoundAt() || registeredAt));
    const sinceRoundSeconds = Math.round(since / 100) / 10;
    if (!worker.running()) return { state: 'stopped', sinceRoundSeconds };
    return { state: since > this.stallAfterMs ? 'stalled' : 'ok', sinceRoundSeconds };
  }
}
