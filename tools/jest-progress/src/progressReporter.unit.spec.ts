import type { Reporter } from '@jest/reporters';
import type { SuiteOutcome } from './progressLine';
import { ProgressReporter, type SuiteRef } from './progressReporter';

const ROOT = '/repo/libs/bus';

function suite(name: string, duration?: number): SuiteRef {
  return {
    path: `${ROOT}/src/${name}`,
    duration,
    context: { config: { rootDir: ROOT, displayName: { name: 'bus' } } },
  };
}

function outcome(passing: number, failing = 0, runtime = 3_200, extra: Partial<SuiteOutcome> = {}): SuiteOutcome {
  return {
    numPassingTests: passing,
    numFailingTests: failing,
    numPendingTests: 0,
    numTodoTests: 0,
    perfStats: { runtime },
    ...extra,
  };
}

function reporter(): { lines: string[]; progress: ProgressReporter } {
  const lines: string[] = [];
  const progress = new ProgressReporter({}, { write: (line) => lines.push(line) });
  return { lines, progress };
}

describe('the progress reporter', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('is a reporter Jest accepts', () => {
    const accepted: Reporter = new ProgressReporter();
    expect(typeof accepted.onTestFileResult).toBe('function');
  });

  it('announces the run with its first suite and numbers every finished suite', () => {
    const { lines, progress } = reporter();
    progress.onRunStart({ numTotalTestSuites: 3 });
    progress.onTestFileStart(suite('a.unit.spec.ts'));
    progress.onTestFileStart(suite('relay/b.int.spec.ts'));
    progress.onTestFileResult(suite('relay/b.int.spec.ts'), outcome(6));
    progress.onTestFileResult(suite('a.unit.spec.ts'), outcome(1, 0, 450));
    progress.onTestFileStart(suite('c.unit.spec.ts'));
    progress.onTestFileResult(suite('c.unit.spec.ts'), outcome(3, 0, 75_400));
    expect(lines).toEqual([
      '[bus] 3 suites to run',
      '[bus] PASS src/relay/b.int.spec.ts (6 tests, 3.2 s) [1/3 suites]',
      '[bus] PASS src/a.unit.spec.ts (1 test, 0.5 s) [2/3 suites]',
      '[bus] PASS src/c.unit.spec.ts (3 tests, 1 m 15 s) [3/3 suites]',
    ]);
  });

  it('marks failing, skipped and unrunnable suites', () => {
    const { lines, progress } = reporter();
    progress.onRunStart({ numTotalTestSuites: 4 });
    progress.onTestFileResult(suite('a.spec.ts'), outcome(4, 2));
    progress.onTestFileResult(suite('b.spec.ts'), outcome(2, 0, 100, { numPendingTests: 1, numTodoTests: 1 }));
    progress.onTestFileResult(
      suite('c.spec.ts'),
      outcome(0, 0, 0, { testExecError: { message: 'Cannot find module' } }),
    );
    progress.onTestFileResult(
      suite('d.spec.ts'),
      outcome(4, 0, 30_300, { testExecError: { message: 'Unhandled error after the last test' } }),
    );
    expect(lines).toEqual([
      '[bus] FAIL src/a.spec.ts (2 of 6 tests failed, 3.2 s) [1/4 suites]',
      '[bus] PASS src/b.spec.ts (4 tests, 2 skipped, 0.1 s) [2/4 suites]',
      '[bus] FAIL src/c.spec.ts (did not run) [3/4 suites]',
      '[bus] FAIL src/d.spec.ts (4 tests, suite error, 30.3 s) [4/4 suites]',
    ]);
  });

  it('says a suite is still running once it is slow, then once a minute, and stops when it ends', () => {
    const { lines, progress } = reporter();
    progress.onRunStart({ numTotalTestSuites: 1 });
    progress.onTestFileStart(suite('slow.int.spec.ts'));
    jest.advanceTimersByTime(19_999);
    expect(lines).toEqual(['[bus] 1 suite to run']);
    jest.advanceTimersByTime(1);
    jest.advanceTimersByTime(60_000);
    progress.onTestFileResult(suite('slow.int.spec.ts'), outcome(2, 0, 95_000));
    jest.advanceTimersByTime(300_000);
    expect(lines.slice(1)).toEqual([
      '[bus] RUNS src/slow.int.spec.ts (20.0 s so far)',
      '[bus] RUNS src/slow.int.spec.ts (1 m 20 s so far)',
      '[bus] PASS src/slow.int.spec.ts (2 tests, 1 m 35 s) [1/1 suites]',
    ]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('announces at its start a suite that was slow on the previous run', () => {
    const { lines, progress } = reporter();
    progress.onRunStart({ numTotalTestSuites: 2 });
    progress.onTestFileStart(suite('quick.spec.ts', 800));
    progress.onTestFileStart(suite('relayCrash.int.spec.ts', 42_300));
    expect(lines).toEqual(['[bus] 2 suites to run', '[bus] START src/relayCrash.int.spec.ts (42.3 s last run)']);
    progress.onRunComplete();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('names the project after its folder when the config has no display name', () => {
    const { lines, progress } = reporter();
    progress.onRunStart({ numTotalTestSuites: 1 });
    progress.onTestFileResult({ path: `${ROOT}/src/x.spec.ts`, context: { config: { rootDir: ROOT } } }, outcome(1));
    expect(lines).toEqual(['[bus] PASS src/x.spec.ts (1 test, 3.2 s) [1/1 suites]']);
  });
});
