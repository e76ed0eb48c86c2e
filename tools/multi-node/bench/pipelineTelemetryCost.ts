/**
 * `npm run bench:pipeline -- --telemetry-cost [--quick] [--rounds N]`: the cost of tracing and
 * metrics on the event pipeline. Runs bench:pipeline N times (default 3) with telemetry off
 * (`OTEL_SDK_DISABLED=true`) and N times on (OTLP traces and metrics to a loopback endpoint that
 * discards them, every trace sampled unless OTEL_TRACES_SAMPLER says otherwise, `/metrics`
 * scraped every second), in the evidence node (the bench process) and the claims node alike,
 * alternating off, on, off, on, each run on its own database and broker. Reports every sample
 * and the medians' ratio of the end-to-end p99 (target: at most 15 % more) and of relay
 * throughput. Prints one JSON line and writes outputs/bench/telemetry-cost-pipeline.json.
 */
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
      wrap: true,
      progress,
    });
    const figure = (key: string, higherIsBetter: boolean) =>
      costOf(
        runs.off.map((run) => Number(run[key])),
        runs.on.map((run) => Number(run[key])),
        higherIsBetter,
      );
    const p99 = figure('e2e_p99_ms', false);
    await reportBench('telemetry-cost-pipeline', {
      bench: 'telemetry-cost-pipeline',
      mode: quick ? 'quick' : 'full',
      rounds,
      order: 'off, on alternating',
      sampler: sampler
        ? `${sampler} ${process.env.OTEL_TRACES_SAMPLER_ARG ?? ''}`.trim()
        : 'parentbased_always_on (SDK default: 100 %)',
      scrape_every_ms: BENCH_SCRAPE_MS,
      failed_runs: runs.failed,
      otlp_received: sink.received(),
      e2e_p99_ms: p99,
      e2e_p50_ms: figure('e2e_p50_ms', false),
      e2e_append_p99_ms: figure('e2e_append_p99_ms', false),
      e2e_missing: { off: runs.off.map((run) => run.e2e_missing), on: runs.on.map((run) => run.e2e_missing) },
      relay_eps: figure('relay_eps', true),
      load_avg_1m: { off: runs.off.map((run) => run.load_avg_1m), on: runs.on.map((run) => run.load_avg_1m) },
      target: { e2e_p99_cost_pct_max: 15 },
      met: p99.cost_pct <= 15,
    });
  } finally {
    await sink.close();
  }
}
