import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Prints the one JSON line of a benchmark and keeps it under outputs/bench/<name>.json, unless
 * `BENCH_NO_RECORD=1`: a run made by another bench (`--telemetry-cost`) only prints it.
 */
export async function reportBench(name: string, result: Record<string, unknown>): Promise<void> {
  const line = JSON.stringify(result);
  if (process.env.BENCH_NO_RECORD === '1') {
    process.stdout.write(`${line}\n`);
    return;
  }
  const dir = join(__dirname, '..', '..', '..', 'outputs', 'bench');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${name}.json`), `${line}\n`);
  process.stdout.write(`${line}\n`);
}

/** Progress for a person watching; stdout stays one JSON line. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** Runs `workers` loops until `durationMs` passes; returns operations completed. */
export async function runFor(
  workers: number,
  durationMs: number,
  operation: (worker: number) => Promise<number>,
): Promise<number> {
  const stopAt = Date.now() + durationMs;
  const counts = await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      let done = 0;
      while (Date.now() < stopAt) done += await operation(worker);
      return done;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Samples resident memory while `work` runs and returns the peak in MB. */
export async function peakRssDuring<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakRssMb: round(peak / 1024 / 1024, 1) };
  } finally {
    clearInterval(timer);
  }
}
