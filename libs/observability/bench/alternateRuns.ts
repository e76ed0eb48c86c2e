import { spawn } from 'node:child_process';
import { RUN_WITH_TELEMETRY, telemetryEnv, type TelemetryVariant } from './telemetryCost';

export interface AlternateRunsOptions {
  /** The bench script, run with tsx. */
  script: string;
  args: readonly string[];
  /** Runs of each variant, alternating off, on, off, on, … */
  rounds: number;
  /** The OTLP endpoint the `on` runs export to. */
  endpoint: string;
  /** Start the script itself through `RUN_WITH_TELEMETRY` (a bench whose own process is measured). */
  wrap: boolean;
  /** Extra variables of the `on` runs, such as a sampler. */
  onEnv?: NodeJS.ProcessEnv;
  progress: (message: string) => void;
}

export type RunResult = Record<string, unknown>;

/** Runs the script once; resolves with the JSON line it printed (`reportBench`). */
function runOnce(options: AlternateRunsOptions, variant: TelemetryVariant): Promise<RunResult> {
  const entry = options.wrap ? [RUN_WITH_TELEMETRY, options.script] : [options.script];
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), ...entry, ...options.args], {
    env: {
      ...process.env,
      ...telemetryEnv(variant, options.endpoint, options.onEnv),
      BENCH_NO_RECORD: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = stdout
        .split('\n')
        .reverse()
        .find((text) => text.startsWith('{"bench"'));
      if (code !== 0 || !line) reject(new Error(`${options.script} (${variant}) exited with ${code}`));
      else resolve(JSON.parse(line) as RunResult);
    });
  });
}

export interface AlternateResults {
  off: RunResult[];
  on: RunResult[];
  /** Runs that failed (a bench that refuses its own result, such as a phase with no success), by variant. */
  failed: Record<TelemetryVariant, number>;
}

/**
 * The bench run `rounds` times with telemetry off and `rounds` times with it on, alternating so
 * that whatever else loads the machine meanwhile falls on both alike; each run on its own
 * database. Resolves with each variant's results in run order; a failed run is counted, not
 * fatal, so that one starved run on a busy machine does not lose the others.
 */
export async function alternateRuns(options: AlternateRunsOptions): Promise<AlternateResults> {
  const results: AlternateResults = { off: [], on: [], failed: { off: 0, on: 0 } };
  for (let round = 0; round < options.rounds; round++) {
    for (const variant of ['off', 'on'] as const) {
      options.progress(`round ${round + 1}/${options.rounds}: telemetry ${variant}`);
      try {
        results[variant].push(await runOnce(options, variant));
      } catch (error) {
        results.failed[variant] += 1;
        options.progress(
          `round ${round + 1}, telemetry ${variant}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
  return results;
}

/** `--rounds N` of a bench's arguments: runs of each variant, default 3. */
export function roundsFrom(argv: readonly string[]): number {
  const at = argv.indexOf('--rounds');
  const rounds = at === -1 ? 3 : Number(argv[at + 1]);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds takes a whole number of at least 1');
  return rounds;
}
