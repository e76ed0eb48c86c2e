/**
 * `npm run bench:http -- --telemetry-cost [--quick] [--rounds N]`: the cost of tracing and
 * metrics on the HTTP path. Runs bench:http N times (default 3) with the server's telemetry off
 * (`OTEL_SDK_DISABLED=true`) and N times on (OTLP traces and metrics to a loopback endpoint that
 * discards them, every trace sampled unless OTEL_TRACES_SAMPLER says otherwise, `/metrics`
 * scraped every second), alternating off, on, off, on, each run on its own fresh database. Reports
 * every sample and the medians' ratio of read_rps (target: at most 10 % lost) and of the p99s.
 * Prints one JSON line and writes outputs/bench/telemetry-cost-http.json.
 */
import { loadavg } from 'node:os';
import { progress, reportBench } from '@ledger/ledger/bench';
import { alternateRuns, BENCH_SCRAPE_MS, costOf, roundsFrom, startOtlpSink } from '@ledger/observability/bench';

export async function measureTelemetryCost(script: string): Promise<void> {
  const quick = process.argv.includes('--quick');
  const rounds = roundsFrom(process.argv);
  const sink = await startOtlpSink();
  try {
    const sampler = process.env.OTEL_TRACES_SAMPLER;
    const runs = await alternateRuns({
      script,
      args: quick ? ['--quick'] : [],
      rounds,
      endpoint: sink.endpoint,
      wrap: false,
      progress,
    });
    const figure = (key: string, higherIsBetter: boolean) =>
      costOf(
        runs.off.map((run) => Number(run[key])),
        runs.on.map((run) => Number(run[key])),
        higherIsBetter,
      );
    const readRps = figure('read_rps', true);
    await reportBench('telemetry-cost-http', {
      bench: 'telemetry-cost-http',
      mode: quick ? 'quick' : 'full',
      rounds,
      order: 'off, on alternating',
      sampler: sampler
        ? `${sampler} ${process.env.OTEL_TRACES_SAMPLER_ARG ?? ''}`.trim()
        : 'parentbased_always_on (SDK default: 100 %)',
      scrape_every_ms: BENCH_SCRAPE_MS,
      failed_runs: runs.failed,
      otlp_received: sink.received(),
      read_rps: readRps,
      load_avg_1m_at_end: Number(loadavg()[0].toFixed(2)),
      read_p99_ms: figure('read_p99_ms', false),
      read_p99_ms_at_fixed_rate: figure('read_p99_ms_at_fixed_rate', false),
      write_rps: figure('write_rps', true),
      write_p99_ms: figure('write_p99_ms', false),
      target: { read_rps_cost_pct_max: 10 },
      met: readRps.cost_pct <= 10,
    });
  } finally {
    await sink.close();
  }
}
