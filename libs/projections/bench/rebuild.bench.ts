/**
 * `npm run bench:rebuild [-- --quick]`: rebuilds one org of the example projection (three
 * tables, upserts and increments) while another org keeps receiving appends, and compares
 * with a plain scan of the same rows. Prints one JSON line and writes outputs/bench/rebuild.json.
 */
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { createPool, Ledger, LEDGER_WRITER_ROLE, LocalKeyProvider, migrate } from '@ledger/ledger';
import { openBenchDatabase, percentile, progress, reportBench, round } from '@ledger/ledger/bench';
import { demoProjection } from '../src/examples/demo/demoProjection';
import { ProjectionRegistry } from '../src/definition/projectionRegistry';
import { loadProjectionMigrations } from '../src/schema/projectionMigrations';
import { ProjectionRunner } from '../src/runner/projectionRunner';
import { rebuildOrg } from '../src/rebuild/rebuildOrg';
import { startAppendProbe } from './appendLatency';
import { rawScanEps } from './rawScan';
import { seedOrg } from './seedOrg';

const quick = process.argv.includes('--quick');
const maxEpsArg = process.argv.indexOf('--max-eps');
/** Optional pace cap for the rebuild (`-- --max-eps 60000`); reported with the results. */
const MAX_EPS = maxEpsArg > 0 ? Number(process.argv[maxEpsArg + 1]) : undefined;
const ACCOUNTS = quick ? 500 : 2000;
const MOVEMENTS = quick ? 199 : 499; // + one opening event per account: 100,000 or 1,000,000
const BASELINE_MS = quick ? 3_000 : 10_000;
const PROBE_INTERVAL_MS = 5;
const BATCH = 5000;
const BIG = 'bench-big';
const OTHER = 'bench-other';

async function main(): Promise<void> {
  const database = await openBenchDatabase();
  progress(`database: ${database.server}`);
  await migrate(database.url);
  await migrate(database.url, await loadProjectionMigrations(new ProjectionRegistry([demoProjection])));
  const writer = createPool({ connectionString: database.url, max: 12, role: LEDGER_WRITER_ROLE });
  const pool = new Pool({ connectionString: database.url, max: 8 });
  const ledger = new Ledger({ pool: writer, keyProvider: new LocalKeyProvider({ bench: randomBytes(32) }) });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    const seedStarted = performance.now();
    const seeded = await seedOrg(ledger, BIG, ACCOUNTS, MOVEMENTS, { writers: 4, batch: 1000 });
    await seedOrg(ledger, OTHER, 20, 10, { writers: 1, batch: 1000 });
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    // Fresh tables have no statistics yet; production ones do, and plans depend on them.
    await pool.query('ANALYZE ledger_log, ledger_events');
    progress(`seeded ${seeded} events in ${seedSeconds.toFixed(1)} s; projecting the live generation`);
    const live = new ProjectionRunner(pool, [demoProjection], { batchSize: BATCH, batchesPerTurn: 1000 });
    const liveStarted = performance.now();
    await live.drain();
    const liveSeconds = (performance.now() - liveStarted) / 1000;
    // Best of two: the first scan may still pay for setting hint bits on freshly written rows.
    const raw = [await rawScanEps(pool, BIG, BATCH), await rawScanEps(pool, BIG, BATCH)].sort(
      (a, b) => b.eps - a.eps,
    )[0];
    progress(`live generation in ${liveSeconds.toFixed(1)} s; raw scan ${Math.round(raw.eps)} ev/s`);

    // The live runner keeps projecting the other org's appends in both phases.
    const follower = new ProjectionRunner(pool, [demoProjection], { pollMs: 20 });
    follower.start();
    const baselineProbe = await startAppendProbe(database.url, OTHER, PROBE_INTERVAL_MS, 1_000_000);
    await new Promise((resolve) => setTimeout(resolve, BASELINE_MS));
    const baseline = await baselineProbe.stop();

    const duringProbe = await startAppendProbe(database.url, OTHER, PROBE_INTERVAL_MS, 2_000_000);
    const rssBefore = process.memoryUsage().rss;
    let lastLog = 0;
    const rebuildStarted = performance.now();
    const result = await rebuildOrg({ pool, ledger }, demoProjection, BIG, {
      actor: 'bench',
      batchSize: BATCH,
      maxEventsPerSecond: MAX_EPS,
      onProgress: (p) => {
        if (Date.now() - lastLog < 2000) return;
        lastLog = Date.now();
        progress(`rebuild ${p.phase} ${p.done}/${p.total}`);
      },
    });
    // Wall time of the whole call: build, switch, and dropping the old generation.
    const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
    const during = await duringProbe.stop();
    await follower.stop();

    const rebuildEps = result.eventsApplied / rebuildSeconds;
    await reportBench('rebuild', {
      events: result.eventsApplied,
      quick,
      max_eps: MAX_EPS ?? null,
      rebuild_eps: Math.round(rebuildEps),
      raw_scan_eps: Math.round(raw.eps),
      rebuild_ratio: round(rebuildEps / raw.eps, 3),
      peak_rss_mb: round(peakRss / 1024 / 1024, 1),
      other_org_p99_ms: round(percentile(during, 99)),
      baseline_p99_ms: round(percentile(baseline, 99)),
      rebuild_seconds: round(rebuildSeconds),
      switch_lock_ms: Math.round(result.switchSeconds * 1000),
      live_projection_eps: Math.round(seeded / liveSeconds),
      seed_eps: Math.round(seeded / seedSeconds),
      identical: result.comparison?.identical ?? null,
      other_org_appends: during.length,
      baseline_appends: baseline.length,
      rss_before_rebuild_mb: round(rssBefore / 1024 / 1024, 1),
      server: database.server,
      cores: require('node:os').cpus().length,
    });
  } finally {
    clearInterval(sampler);
    await ledger.close();
    await writer.end();
    await pool.end();
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
