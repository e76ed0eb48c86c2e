import type { Pool } from 'pg';
import { metrics, type Counter, type Meter } from '@opentelemetry/api';
import { errorType } from '@ledger/observability';

export const RETENTION_METRICS = {
  shredded: 'ledger.retention.sweep.shredded',
  failures: 'ledger.retention.sweep.failures',
  lastSuccess: 'ledger.retention.sweep.last_success',
  failedOrgs: 'ledger.retention.sweep.failed_orgs',
  backlog: 'ledger.retention.sweep.backlog',
} as const;

/** Counting stops here: past it, the number matters less than that it is large. */
export const BACKLOG_COUNT_CAP = 100_000;

/** What the sweeping process itself counts (exported over OTLP by the CLI, when configured). */
export class RetentionSweepMetrics {
  private readonly shreds: Counter;
  private readonly failures: Counter;

  constructor(meter: Meter = metrics.getMeter('@ledger/ledger')) {
    this.shreds = meter.createCounter(RETENTION_METRICS.shredded, {
      description: 'Streams whose personal data the retention sweeper crypto-shredded',
      unit: '{stream}',
    });
    this.failures = meter.createCounter(RETENTION_METRICS.failures, {
      description: 'Retention sweeps of an org that failed, by error code',
    });
  }

  shredded(streams: number): void {
    if (streams > 0) this.shreds.add(streams);
  }

  failed(error: unknown): void {
    this.failures.add(1, { 'error.type': errorType(error) });
  }
}

export interface RetentionStatus {
  /** Unix seconds of the least recently swept org's last completed sweep (now when no org has a class). */
  lastSuccess: number;
  /** Orgs whose latest sweep failed. */
  failedOrgs: number;
  /** Streams past retention, not held and not shredded, over every org (counted up to the cap). */
  backlog: number;
}

/**
 * Every org's sweep status, as a cross-org role sees it. An org with a class and no completed
 * sweep counts from when its first class was set: a class nobody sweeps falls behind.
 */
const STATUS_SQL = `
WITH orgs AS (
  SELECT org_id, min(set_at) AS since FROM ledger_retention_classes GROUP BY org_id),
latest AS (
  SELECT DISTINCT ON (org_id) org_id, outcome FROM ledger_retention_sweeps
   WHERE outcome <> 'running' ORDER BY org_id, started_at DESC),
done AS (
  SELECT org_id, max(finished_at) AS at FROM ledger_retention_sweeps WHERE outcome = 'completed' GROUP BY org_id)
SELECT coalesce(extract(epoch FROM min(coalesce(done.at, orgs.since))), extract(epoch FROM now()))::float8 AS last_success,
       (SELECT count(*) FROM latest WHERE outcome = 'failed')::int AS failed_orgs
  FROM orgs LEFT JOIN done USING (org_id)`;

const BACKLOG_SQL = `
SELECT count(*)::int AS backlog FROM (
  SELECT 1
    FROM ledger_stream_keys k
    JOIN ledger_retention_classes c ON c.org_id = k.org_id AND c.category = split_part(k.stream_id, '-', 1)
    CROSS JOIN LATERAL (
      SELECT e.recorded_at FROM ledger_events e
       WHERE e.org_id = k.org_id AND e.stream_id = k.stream_id
       ORDER BY e.stream_revision DESC LIMIT 1) AS last
   WHERE k.wrapped_key IS NOT NULL
     AND last.recorded_at + make_interval(months => c.duration_months) <= now()
     AND NOT EXISTS (
       SELECT 1 FROM ledger_legal_holds h
        WHERE h.org_id = k.org_id AND h.released_at IS NULL
          AND ((h.scope = 'stream' AND h.stream_id = k.stream_id)
            OR (h.scope = 'category' AND h.category = c.category)
            OR (h.scope = 'entity' AND substr(k.stream_id, strpos(k.stream_id, '-') + 1) = h.entity_id)
            OR (h.scope = 'time-range' AND EXISTS (
                  SELECT 1 FROM ledger_events e
                   WHERE e.org_id = k.org_id AND e.stream_id = k.stream_id
                     AND e.recorded_at >= h.from_at AND e.recorded_at < h.to_at))))
   LIMIT ${BACKLOG_COUNT_CAP}) due`;

export async function measureRetention(pool: Pool): Promise<RetentionStatus> {
  const status = await pool.query<{ last_success: number; failed_orgs: number }>(STATUS_SQL);
  const backlog = await pool.query<{ backlog: number }>(BACKLOG_SQL);
  return {
    lastSuccess: status.rows[0].last_success,
    failedOrgs: status.rows[0].failed_orgs,
    backlog: backlog.rows[0].backlog,
  };
}

/**
 * The sweep status as gauges of a long-running process (the CLI that sweeps is gone before a
 * scrape): measured every `intervalMs` from the database, the last measurement reported. Without
 * a measurement yet, the gauges report nothing rather than a healthy-looking zero.
 */
export class RetentionMonitor {
  private status: RetentionStatus | null = null;
  private timer: NodeJS.Timeout | null = null;
  private measuring = false;

  constructor(
    private readonly pool: Pool,
    meter: Meter = metrics.getMeter('@ledger/ledger'),
  ) {
    const gauge = (name: string, description: string, unit: string, read: (s: RetentionStatus) => number) =>
      meter.createObservableGauge(name, { description, unit }).addCallback((result) => {
        if (this.status) result.observe(read(this.status));
      });
    gauge(
      RETENTION_METRICS.lastSuccess,
      "Unix time of the least recently swept org's last completed retention sweep",
      's',
      (s) => s.lastSuccess,
    );
    gauge(RETENTION_METRICS.failedOrgs, 'Orgs whose latest retention sweep failed', '{org}', (s) => s.failedOrgs);
    gauge(
      RETENTION_METRICS.backlog,
      `Streams past retention, not held and not yet shredded (counted up to ${BACKLOG_COUNT_CAP})`,
      '{stream}',
      (s) => s.backlog,
    );
  }

  /** Measures now, then every `intervalMs`; a failed measurement keeps the last values. */
  start(intervalMs = 60_000): void {
    if (this.timer) return;
    const measure = () => {
      if (this.measuring) return;
      this.measuring = true;
      void measureRetention(this.pool)
        .then(
          (status) => (this.status = status),
          () => undefined,
        )
        .finally(() => (this.measuring = false));
    };
    measure();
    this.timer = setInterval(measure, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
