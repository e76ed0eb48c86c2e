import { join } from 'node:path';

/** The entry that starts telemetry before the script it is given (spawn it with tsx). */
export const RUN_WITH_TELEMETRY = join(__dirname, 'runWithTelemetry.ts');

export type TelemetryVariant = 'off' | 'on';

/** How often a telemetry-on process scrapes its own `/metrics` (Prometheus here: every 15 s). */
export const BENCH_SCRAPE_MS = 1000;

/**
 * The environment of each variant. `on`: traces and metrics exported over OTLP to `endpoint`,
 * every trace sampled unless `OTEL_TRACES_SAMPLER` is given (the SDK default is
 * `parentbased_always_on`), metrics exported every 5 s and scraped every second. `off`: the
 * same entry with `OTEL_SDK_DISABLED=true`, as an operator would turn it off.
 */
export function telemetryEnv(
  variant: TelemetryVariant,
  endpoint: string,
  sampler: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  if (variant === 'off') return { BENCH_TELEMETRY: 'off', OTEL_SDK_DISABLED: 'true' };
  return {
    BENCH_TELEMETRY: 'on',
    OTEL_SDK_DISABLED: 'false',
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_METRIC_EXPORT_INTERVAL: '5000',
    BENCH_SCRAPE_MS: String(BENCH_SCRAPE_MS),
    ...sampler,
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface CostFigure {
  off_samples: number[];
  on_samples: number[];
  off_median: number;
  on_median: number;
  /** on median / off median. */
  ratio: number;
  /** How much worse telemetry makes it, in percent (a throughput lost, a latency gained). */
  cost_pct: number;
}

/** One figure of a comparison; `higherIsBetter` for throughputs, not for latencies. */
export function costOf(off: readonly number[], on: readonly number[], higherIsBetter: boolean): CostFigure {
  const offMedian = median(off);
  const onMedian = median(on);
  const ratio = onMedian / offMedian;
  const cost = higherIsBetter ? 1 - ratio : ratio - 1;
  return {
    off_samples: [...off],
    on_samples: [...on],
    off_median: offMedian,
    on_median: onMedian,
    ratio: Math.round(ratio * 1000) / 1000,
    cost_pct: Math.round(cost * 1000) / 10,
  };
}
