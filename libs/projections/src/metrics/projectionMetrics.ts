import { metrics, type Counter, type Meter } from '@opentelemetry/api';

/** What the runner last measured of one (projection, org); kept here, reported per projection. */
interface OrgSample {
  lagEvents: number;
  lagSeconds: number;
  failed: boolean;
}

interface RebuildSample {
  progress: number;
  events: number;
}

export const PROJECTION_METRICS = {
  lagEvents: 'ledger.projection.lag.events',
  lagSeconds: 'ledger.projection.lag.seconds',
  failedOrgs: 'ledger.projection.failed_orgs',
  failures: 'ledger.projection.failures',
  rebuilds: 'ledger.projection.rebuilds',
  rebuildProgress: 'ledger.projection.rebuild.progress',
  rebuildEvents: 'ledger.projection.rebuild.events',
} as const;

/**
 * The runner's and rebuilder's metrics, labelled by projection only: an org id as a label would
 * make a series per tenant (unbounded cardinality) and put a tenant's state in another's view.
 * Lag is the worst org's, failures a count of orgs; which org is the admin API's
 * (`GET /v1/audit/projections`, `ledger projections status`). Gauges report the last values
 * recorded here, so a scrape never queries the database.
 */
export class ProjectionMetrics {
  private readonly orgs = new Map<string, Map<string, OrgSample>>();
  private readonly rebuilding = new Map<string, Map<string, RebuildSample>>();
  private readonly failures: Counter;

  constructor(meter: Meter = metrics.getMeter('@ledger/projections')) {
    const perProjection = (name: string, description: string, unit: string, value: (orgs: OrgSample[]) => number) =>
      meter.createObservableGauge(name, { description, unit }).addCallback((result) => {
        for (const [projection, orgs] of this.orgs) result.observe(value([...orgs.values()]), { projection });
      });
    perProjection(
      PROJECTION_METRICS.lagEvents,
      'Sequenced events not yet projected, for the worst org',
      '{event}',
      (orgs) => Math.max(0, ...orgs.map((org) => org.lagEvents)),
    );
    perProjection(
      PROJECTION_METRICS.lagSeconds,
      'Age of the oldest unprojected event, for the worst org',
      's',
      (orgs) => Math.max(0, ...orgs.map((org) => org.lagSeconds)),
    );
    perProjection(
      PROJECTION_METRICS.failedOrgs,
      'Orgs stopped on a failed event',
      '{org}',
      (orgs) => orgs.filter((org) => org.failed).length,
    );
    // Every projection this process runs reports, rebuilding or not: a series that appears only
    // during a rebuild could not be told from one that is missing.
    const perRebuild = (name: string, description: string, unit: string, value: (runs: RebuildSample[]) => number) =>
      meter.createObservableGauge(name, { description, unit }).addCallback((result) => {
        for (const projection of new Set([...this.orgs.keys(), ...this.rebuilding.keys()])) {
          result.observe(value([...(this.rebuilding.get(projection)?.values() ?? [])]), { projection });
        }
      });
    perRebuild(PROJECTION_METRICS.rebuilds, 'Org rebuilds running', '{rebuild}', (runs) => runs.length);
    perRebuild(
      PROJECTION_METRICS.rebuildProgress,
      'Progress of the least advanced running rebuild, 0 to 1',
      '1',
      (runs) => (runs.length === 0 ? 1 : Math.min(...runs.map((run) => run.progress))),
    );
    perRebuild(
      PROJECTION_METRICS.rebuildEvents,
      'Events applied to new generations by running rebuilds',
      '{event}',
      (runs) => runs.reduce((sum, run) => sum + run.events, 0),
    );
    this.failures = meter.createCounter(PROJECTION_METRICS.failures, {
      description: 'Handler failures that stopped an org',
    });
  }

  /** Starts each projection's failure count at 0, so that its first failure is an increase `rate()` sees. */
  startCounting(projections: readonly string[]): void {
    for (const projection of projections) this.failures.add(0, { projection });
  }

  recordLag(projection: string, orgId: string, events: number, seconds: number): void {
    const sample = this.sampleOf(projection, orgId);
    sample.lagEvents = events;
    sample.lagSeconds = seconds;
  }

  recordStatus(projection: string, orgId: string, failed: boolean): void {
    this.sampleOf(projection, orgId).failed = failed;
  }

  recordFailure(projection: string, orgId: string): void {
    this.failures.add(1, { projection });
    this.recordStatus(projection, orgId, true);
  }

  recordRebuild(projection: string, orgId: string, done: number, total: number): void {
    let runs = this.rebuilding.get(projection);
    if (!runs) this.rebuilding.set(projection, (runs = new Map()));
    runs.set(orgId, { progress: total === 0 ? 1 : Math.min(1, done / total), events: done });
  }

  /** A finished or cancelled rebuild stops counting. */
  endRebuild(projection: string, orgId: string): void {
    this.rebuilding.get(projection)?.delete(orgId);
  }

  private sampleOf(projection: string, orgId: string): OrgSample {
    let orgs = this.orgs.get(projection);
    if (!orgs) this.orgs.set(projection, (orgs = new Map()));
    let sample = orgs.get(orgId);
    if (!sample) orgs.set(orgId, (sample = { lagEvents: 0, lagSeconds: 0, failed: false }));
    return sample;
  }
}
