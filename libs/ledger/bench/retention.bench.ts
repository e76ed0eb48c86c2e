/**
 * `npm run bench:retention [-- --quick]`: the retention sweeper over 1,000,000 events in 10,000
 * streams (100,000 in 1,000 with --quick), every stream past its class: shreds per second and
 * the process's peak RSS while it sweeps, and the p99 of a steady append load measured alone and
 * then during the sweep, in the same run. Prints one JSON line and writes
 * outputs/bench/retention.json.
 */
import { randomBytes } from 'node:crypto';
import { createPool, Ledger, LEDGER_WRITER_ROLE, LocalKeyProvider, migrate, Retention, RetentionSweeper } from '../src';
import { MovableClock } from '../src/retention/testing/movableClock';
import { openBenchDatabase } from './benchDatabase';
import { peakRssDuring, percentile, progress, reportBench, round } from './benchReport';

const quick = process.argv.includes('--quick');
const STREAMS = quick ? 1_000 : 10_000;
const EVENTS_PER_STREAM = 100;
const SEED_WRITERS = 8;
const LOAD_WRITERS = 4;
const BASELINE_MS = quick ? 5_000 : 15_000;
const BATCH = 500;
const ORG = 'org-retention-bench';
const TARGETS = { streamsPerSecond: 2000, peakRssMb: 300, appendP99Ratio: 2 };

async function seed(ledger: Ledger): Promise<void> {
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: SEED_WRITERS }, async () => {
      for (let stream = next++; stream < STREAMS; stream = next++) {
        await ledger.append({
          orgId: ORG,
          streamId: `evidence-${stream}`,
          expectedRevision: 'no_stream',
          events: Array.from({ length: EVENTS_PER_STREAM }, (_, i) => ({
            type: 'DocumentIngested',
            data: { documentId: `doc-${stream}`, version: i },
            personal: { subject: `subject ${stream}/${i}`, body: 'b'.repeat(200) },
            metadata: { actor: 'bench-advisor' },
          })),
        });
        if (++done % 500 === 0) progress(`seeding: ${done * EVENTS_PER_STREAM} events in ${done} streams`);
      }
    }),
  );
  await ledger.sequencer.drain();
}

/** Small appends, one at a time per writer, until `until` resolves; returns each append's ms. */
async function appendLoad(ledger: Ledger, until: Promise<unknown>): Promise<number[]> {
  let stop = false;
  void until.finally(() => (stop = true));
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: LOAD_WRITERS }, async (_, worker) => {
      while (!stop) {
        const started = performance.now();
        await ledger.append({
          orgId: ORG,
          streamId: `claim-load-${worker}`,
          expectedRevision: 'any',
          events: [{ type: 'ClaimAsserted', data: { n: latencies.length }, metadata: { actor: 'bench-load' } }],
        });
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const database = await openBenchDatabase();
  try {
    await migrate(database.url);
    const pool = createPool({ connectionString: database.url, max: 20, role: LEDGER_WRITER_ROLE });
    const keyProvider = new LocalKeyProvider({ bench: randomBytes(32) });
    const ledger = new Ledger({ pool, keyProvider, connectionString: database.url });
    const clock = new MovableClock();
    try {
      progress(`seeding ${STREAMS * EVENTS_PER_STREAM} events in ${STREAMS} streams`);
      await seed(ledger);
      await new Retention({ pool, ledger, clock }).setClass(ORG, {
        category: 'evidence',
        regulation: 'sec-17a-4',
        actor: 'bench-compliance',
        reason: 'bench',
      });
      await pool.query('ANALYZE');
      clock.advanceMonths(73);

      progress(`baseline append load, ${BASELINE_MS / 1000} s`);
      const baseline = await appendLoad(ledger, sleep(BASELINE_MS));

      progress('sweeping under the same append load');
      const sweeper = new RetentionSweeper({ pool, ledger, clock });
      const started = performance.now();
      const sweep = peakRssDuring(() =>
        sweeper.apply(ORG, {
          actor: 'bench-ops',
          batchSize: BATCH,
          onProgress: (p) => p.done % 2000 === 0 && progress(`swept ${p.done}/${p.total}`),
        }),
      );
      const during = await appendLoad(ledger, sweep);
      const { result, peakRssMb } = await sweep;
      const seconds = (performance.now() - started) / 1000;

      const streamsPerSecond = round(result.shredded / seconds, 0);
      const baselineP99 = round(percentile(baseline, 99));
      const duringP99 = round(percentile(during, 99));
      const appendP99Ratio = round(duringP99 / Math.max(baselineP99, 0.001));
      await reportBench('retention', {
        bench: 'retention',
        quick,
        server: database.server,
        events: STREAMS * EVENTS_PER_STREAM,
        streams: STREAMS,
        shredded: result.shredded,
        batch_size: BATCH,
        sweep_seconds: round(seconds),
        streams_per_second: streamsPerSecond,
        peak_rss_mb: peakRssMb,
        append_writers: LOAD_WRITERS,
        append_p99_ms_baseline: baselineP99,
        append_p99_ms_during_sweep: duringP99,
        append_p99_ratio: appendP99Ratio,
        appends_baseline: baseline.length,
        appends_during_sweep: during.length,
        targets: {
          streams_per_second: `>= ${TARGETS.streamsPerSecond}`,
          peak_rss_mb: `< ${TARGETS.peakRssMb}`,
          append_p99_ratio: `<= ${TARGETS.appendP99Ratio}`,
        },
        targets_met:
          result.shredded === STREAMS &&
          streamsPerSecond >= TARGETS.streamsPerSecond &&
          peakRssMb < TARGETS.peakRssMb &&
          appendP99Ratio <= TARGETS.appendP99Ratio,
      });
    } finally {
      await ledger.close();
      await pool.end();
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
