import { metrics, type Attributes, type Counter, type Meter } from '@opentelemetry/api';

export const OUTBOX_METRICS = {
  backlog: 'outbox_backlog_events',
  published: 'outbox_published_total',
  publishErrors: 'outbox_publish_errors_total',
} as const;

/** Which relay a sample is about: ids only, never anything from an event. */
export interface RelayIdentity {
  service: string;
  topic: string;
}

/** What the relay reports; the default sends it to OpenTelemetry, tests pass their own. */
export interface RelayMetrics {
  /** Messages the broker acknowledged (re-publications after a crash count again). */
  published(relay: RelayIdentity, count: number): void;
  /** A publish attempt that failed and will be retried. */
  publishFailed(relay: RelayIdentity): void;
  /** Sequenced events after the checkpoint, as last measured. */
  backlog(relay: RelayIdentity, events: number): void;
}

/** The relay metrics as OpenTelemetry instruments; the backlog gauge reports the last value measured. */
export class OutboxMetrics implements RelayMetrics {
  private readonly backlogs = new Map<string, { attributes: Attributes; value: number }>();
  private readonly publishedCounter: Counter;
  private readonly errorCounter: Counter;

  constructor(meter: Meter) {
    meter
      .createObservableGauge(OUTBOX_METRICS.backlog, {
        description: 'Sequenced ledger events after the relay checkpoint',
        unit: '{event}',
      })
      .addCallback((result) => {
        for (const sample of this.backlogs.values()) result.observe(sample.value, sample.attributes);
      });
    this.publishedCounter = meter.createCounter(OUTBOX_METRICS.published, {
      description: 'Events the broker acknowledged',
      unit: '{event}',
    });
    this.errorCounter = meter.createCounter(OUTBOX_METRICS.publishErrors, {
      description: 'Failed publish attempts (each is retried)',
    });
  }

  published(relay: RelayIdentity, count: number): void {
    this.publishedCounter.add(count, { ...relay });
  }

  publishFailed(relay: RelayIdentity): void {
    this.errorCounter.add(1, { ...relay });
  }

  backlog(relay: RelayIdentity, events: number): void {
    const key = `${relay.service}\u0000${relay.topic}`;
    if (!this.backlogs.has(key)) {
      // The relay's counters start at 0 once it is first measured, so that its first publish
      // error is an increase an alert sees, not a series appearing at 1.
      this.publishedCounter.add(0, { ...relay });
      this.errorCounter.add(0, { ...relay });
    }
    this.backlogs.set(key, { attributes: { ...relay }, value: events });
  }
}

const perMeter = new WeakMap<Meter, OutboxMetrics>();

/**
 * One set of instruments per meter, so that several relays in a process share them. Looked up
 * when a relay is built, not at import: the OpenTelemetry metrics API has no proxy, so a meter
 * taken before the SDK registered its provider would stay a no-op.
 */
export function outboxMetrics(meter: Meter = metrics.getMeter('@ledger/bus')): OutboxMetrics {
  let found = perMeter.get(meter);
  if (!found) {
    found = new OutboxMetrics(meter);
    perMeter.set(meter, found);
  }
  return found;
}
