import { metrics, type Attributes, type Counter, type Meter } from '@opentelemetry/api';

interface Sample {
  attributes: Attributes;
  value: number;
}

/** Attributes are ids only: the projection name and the org id, never anything from a payload. */
function attributesOf(projection: string, orgId: string): Attributes {
  return { projection, org_id: orgId };
}

/**
 * The runner's and rebuilder's metrics. Gauges are observed from the last values recorded
 * here, so a scrape never queries the database.
 */
export class ProjectionMetrics {
  private readonly lagEvents = new Map<string, Sample>();
  private readonly lagSeconds = new Map<string, Sample>();
  private readonly failed = new Map<string, Sample>();
  private readonly rebuildProgress = new Map<string, Sample>();
  private readonly rebuildEvents = new Map<string, Sample>();
  private readonly failures: Counter;

  constructor(meter: Meter = metrics.getMeter('@ledger/projections')) {
    this.observe(
      meter,
      'ledger.projection.lag.events',
      'Sequenced events not yet projected',
      '{event}',
      this.lagEvents,
    );
    this.observe(meter, 'ledger.projection.lag.seconds', 'Age of the oldest unprojected event', 's', this.lagSeconds);
    this.observe(meter, 'ledger.projection.failed', '1 while the org is stopped by a failure', '1', this.failed);
    this.observe(meter, 'ledger.projection.rebuild.progress', 'Rebuild progress, 0 to 1', '1', this.rebuildProgress);
    this.observe(
      meter,
      'ledger.projection.rebuild.events',
      'Events applied to the new generation',
      '{event}',
      this.rebuildEvents,
    );
    this.failures = meter.createCounter('ledger.projection.failures', {
      description: 'Handler failures that stopped an org',
    });
  }

  recordLag(projection: string, orgId: string, events: number, seconds: number): void {
    const key = `${projection}\u0000${orgId}`;
    const attributes = attributesOf(projection, orgId);
    this.lagEvents.set(key, { attributes, value: events });
    this.lagSeconds.set(key, { attributes, value: seconds });
  }

  recordStatus(projection: string, orgId: string, failed: boolean): void {
    this.failed.set(`${projection}\u0000${orgId}`, {
      attributes: attributesOf(projection, orgId),
      value: failed ? 1 : 0,
    });
  }

  recordFailure(projection: string, orgId: string): void {
    this.failures.add(1, attributesOf(projection, orgId));
    this.recordStatus(projection, orgId, true);
  }

  recordRebuild(projection: string, orgId: string, done: number, total: number): void {
    const key = `${projection}\u0000${orgId}`;
    const attributes = attributesOf(projection, orgId);
    this.rebuildProgress.set(key, { attributes, value: total === 0 ? 1 : Math.min(1, done / total) });
    this.rebuildEvents.set(key, { attributes, value: done });
  }

  /** A finished or cancelled rebuild stops being reported. */
  endRebuild(projection: string, orgId: string): void {
    this.rebuildProgress.delete(`${projection}\u0000${orgId}`);
    this.rebuildEvents.delete(`${projection}\u0000${orgId}`);
  }

  private observe(meter: Meter, name: string, description: string, unit: string, samples: Map<string, Sample>): void {
    meter.createObservableGauge(name, { description, unit }).addCallback((result) => {
      for (const sample of samples.values()) result.observe(sample.value, sample.attributes);
    });
  }
}
