// `@ledger/observability/bench`: what the benches' `--telemetry-cost` mode shares: the entry that
// starts telemetry before a bench process, the variants' environments, a discarding OTLP endpoint.
export { startOtlpSink, type OtlpSink } from './otlpSink';
export {
  BENCH_SCRAPE_MS,
  RUN_WITH_TELEMETRY,
  costOf,
  median,
  telemetryEnv,
  type CostFigure,
  type TelemetryVariant,
} from './telemetryCost';
export {
  alternateRuns,
  roundsFrom,
  type AlternateResults,
  type AlternateRunsOptions,
  type RunResult,
} from './alternateRuns';
