import { metrics, type Meter } from '@opentelemetry/api';

export const TREE_HEAD_AGE_METRIC = 'ledger.tree_head.age.seconds';

/**
 * `ledger_tree_head_age_seconds`: the age of the stalest org's latest signed tree head, over
 * every org (no org label; which org is the admin API's). The schedule records the instant that
 * head was signed after each run and the gauge reports its age at scrape time, so a schedule that
 * stops running shows as a head growing older, never as a value frozen when it stopped. Until the
 * first run completes the age is counted from when the schedule started.
 */
export class TreeHeadAge {
  private stalest: Date | null = null;
  private measured = false;

  constructor(
    private readonly startedAt: Date,
    meter: Meter = metrics.getMeter('@ledger/ledger'),
    private readonly now: () => Date = () => new Date(),
  ) {
    meter
      .createObservableGauge(TREE_HEAD_AGE_METRIC, {
        description: "Age of the stalest org's latest signed tree head",
        unit: 's',
      })
      .addCallback((result) => result.observe(this.seconds()));
  }

  /** The stalest org's latest head, as just read; null when no org has events (age 0). */
  record(stalest: Date | null): void {
    this.stalest = stalest;
    this.measured = true;
  }

  seconds(): number {
    const since = this.measured ? this.stalest : this.startedAt;
    if (since === null) return 0;
    return Math.max(0, (this.now().getTime() - since.getTime()) / 1000);
  }
}
