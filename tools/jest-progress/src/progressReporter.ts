import { basename, relative } from 'node:path';
import { finishedLine, runStartLine, slowStartLine, stillRunningLine, type SuiteOutcome } from './progressLine';

/** The part of Jest's `Test` the reporter reads; Jest passes the full object. */
export interface SuiteRef {
  path: string;
  /** Jest's test sequencer fills this in from the previous run's timings, when it has them. */
  duration?: number;
  context: { config: { rootDir: string; displayName?: { name: string } } };
}

export interface ProgressOptions {
  /** A suite running this long gets a line saying so, and another each `repeatSeconds` after. */
  slowAfterSeconds?: number;
  repeatSeconds?: number;
  write?: (line: string) => void;
}

/**
 * One line per finished suite, with its count and position in the run, and a line for each slow
 * suite while it runs, so a long project run shows life even where the output is not a terminal.
 * Jest's default reporter stays in charge of failure details and the final summary.
 */
export class ProgressReporter {
  private readonly slowAfterMs: number;
  private readonly repeatMs: number;
  private readonly write: (line: string) => void;
  private total = 0;
  private done = 0;
  private announced = false;
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(_globalConfig?: unknown, options: ProgressOptions = {}) {
    this.slowAfterMs = (options.slowAfterSeconds ?? 20) * 1000;
    this.repeatMs = (options.repeatSeconds ?? 60) * 1000;
    this.write = options.write ?? ((line) => process.stderr.write(`${line}\n`));
  }

  onRunStart(results: { numTotalTestSuites: number }): void {
    this.total = results.numTotalTestSuites;
    this.done = 0;
    this.announced = false;
  }

  onTestFileStart(test: SuiteRef): void {
    const { project, path } = describe(test);
    // Announced with the first suite, the first moment the project's name is known.
    if (!this.announced) {
      this.announced = true;
      this.write(runStartLine(project, this.total));
    }
    if (test.duration !== undefined && test.duration >= this.slowAfterMs) {
      this.write(slowStartLine(project, path, test.duration));
    }
    const started = Date.now();
    const tick = (delay: number): void => {
      const timer = setTimeout(() => {
        this.write(stillRunningLine(project, path, Date.now() - started));
        tick(this.repeatMs);
      }, delay);
      // A still-running notice must never be what keeps Jest from exiting.
      timer.unref();
      this.timers.set(test.path, timer);
    };
    tick(this.slowAfterMs);
  }

  onTestFileResult(test: SuiteRef, result: SuiteOutcome): void {
    this.stopTimer(test.path);
    this.done += 1;
    const { project, path } = describe(test);
    this.write(finishedLine(project, path, result, this.done, Math.max(this.total, this.done)));
  }

  onRunComplete(): void {
    for (const path of [...this.timers.keys()]) this.stopTimer(path);
  }

  getLastError(): undefined {
    return undefined;
  }

  private stopTimer(path: string): void {
    clearTimeout(this.timers.get(path));
    this.timers.delete(path);
  }
}

function describe(test: SuiteRef): { project: string; path: string } {
  const { rootDir, displayName } = test.context.config;
  return { project: displayName?.name ?? basename(rootDir), path: relative(rootDir, test.path) };
}
