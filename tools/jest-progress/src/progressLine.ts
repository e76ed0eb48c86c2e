/** What a finished suite's line needs from Jest's TestResult. */
export interface SuiteOutcome {
  numPassingTests: number;
  numFailingTests: number;
  numPendingTests: number;
  numTodoTests: number;
  /** Set when the suite itself failed: it could not run (syntax error, crashed worker) or erred around its tests. */
  testExecError?: unknown;
  perfStats: { runtime: number };
}

export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} m ${String(seconds % 60).padStart(2, '0')} s`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `[bus] PASS src/relay/outboxRelay.int.spec.ts (6 tests, 3.2 s) [4/20 suites]` */
export function finishedLine(
  project: string,
  path: string,
  outcome: SuiteOutcome,
  done: number,
  total: number,
): string {
  const tests = outcome.numPassingTests + outcome.numFailingTests + outcome.numPendingTests + outcome.numTodoTests;
  const skipped = outcome.numPendingTests + outcome.numTodoTests;
  const failed = outcome.numFailingTests > 0 || outcome.testExecError != null;
  const parts: string[] = [];
  // A suite that never ran has no meaningful duration; Jest prints why just before this line.
  if (outcome.testExecError != null && tests === 0) parts.push('did not run');
  else {
    parts.push(
      outcome.numFailingTests > 0
        ? `${outcome.numFailingTests} of ${count(tests, 'test')} failed`
        : count(tests, 'test'),
    );
    if (skipped > 0) parts.push(`${skipped} skipped`);
    // Tests can all pass while the suite still fails, e.g. on an error raised after the last one.
    if (outcome.testExecError != null) parts.push('suite error');
    parts.push(formatDuration(outcome.perfStats.runtime));
  }
  return `[${project}] ${failed ? 'FAIL' : 'PASS'} ${path} (${parts.join(', ')}) [${done}/${total} suites]`;
}

/** Announces a suite that took long the last time, so the wait that follows is expected. */
export function slowStartLine(project: string, path: string, lastRunMs: number): string {
  return `[${project}] START ${path} (${formatDuration(lastRunMs)} last run)`;
}

export function stillRunningLine(project: string, path: string, elapsedMs: number): string {
  return `[${project}] RUNS ${path} (${formatDuration(elapsedMs)} so far)`;
}

export function runStartLine(project: string, total: number): string {
  return `[${project}] ${count(total, 'suite')} to run`;
}
