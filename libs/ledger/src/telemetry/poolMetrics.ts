import { metrics, type Meter, type ObservableResult } from '@opentelemetry/api';
import type { Pool } from 'pg';

/** The semantic-conventions names the pg instrumentation used, so dashboards read one set. */
export const POOL_METRICS = {
  count: 'db.client.connection.count',
  pendingRequests: 'db.client.connection.pending_requests',
  max: 'db.client.connection.max',
} as const;
// Short label names, as the dashboards and the README use them, rather than the semantic
// conventions' `db.client.connection.pool.name` and `.state`.
const POOL_NAME = 'pool';
const STATE = 'state';

/**
 * The pools of a process by purpose (`writer`, `worker`, `requests`), measured when scraped. The
 * pg instrumentation's own pool metrics are dropped (`startTelemetry`): it names a pool by host,
 * port and database taken from options a connection string leaves empty
 * (`unknown_host:unknown_port/unknown_database`), and keeps one running count for every pool of
 * the process, which several pools skew. The purpose is bounded and says nothing of the
 * connection string or its password.
 */
class PoolGauges {
  private readonly pools = new Set<{ name: string; pool: Pool }>();

  constructor(meter: Meter) {
    const gauge = (name: string, description: string, observe: (result: ObservableResult) => void) =>
      meter.createObservableGauge(name, { description, unit: '{connection}' }).addCallback(observe);
    gauge(POOL_METRICS.count, 'Connections of the pool by state (used, idle)', (result) => {
      for (const [name, pools] of this.byName()) {
        const total = pools.reduce((sum, pool) => sum + pool.totalCount, 0);
        const idle = pools.reduce((sum, pool) => sum + pool.idleCount, 0);
        result.observe(total - idle, { [POOL_NAME]: name, [STATE]: 'used' });
        result.observe(idle, { [POOL_NAME]: name, [STATE]: 'idle' });
      }
    });
    gauge(POOL_METRICS.pendingRequests, 'Checkouts waiting for a connection of the pool', (result) => {
      for (const [name, pools] of this.byName()) {
        result.observe(
          pools.reduce((sum, pool) => sum + pool.waitingCount, 0),
          { [POOL_NAME]: name },
        );
      }
    });
    gauge(POOL_METRICS.max, 'Connections the pool may open', (result) => {
      for (const [name, pools] of this.byName()) {
        result.observe(
          pools.reduce((sum, pool) => sum + (pool.options.max ?? 10), 0),
          { [POOL_NAME]: name },
        );
      }
    });
  }

  watch(name: string, pool: Pool): void {
    this.pools.add({ name, pool });
  }

  /** Pools still open, grouped by name (a process may build a name twice, as tests do). */
  private byName(): Map<string, Pool[]> {
    const grouped = new Map<string, Pool[]>();
    for (const entry of this.pools) {
      if (entry.pool.ended) {
        this.pools.delete(entry);
        continue;
      }
      grouped.set(entry.name, [...(grouped.get(entry.name) ?? []), entry.pool]);
    }
    return grouped;
  }
}

const perMeter = new WeakMap<Meter, PoolGauges>();

/** Reports the pool under `name` until it ends. Call once the SDK started (the meter is taken now). */
export function watchPool(name: string, pool: Pool, meter: Meter = metrics.getMeter('@ledger/ledger')): void {
  let gauges = perMeter.get(meter);
  if (!gauges) perMeter.set(meter, (gauges = new PoolGauges(meter)));
  gauges.watch(name, pool);
}
