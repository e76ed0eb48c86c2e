import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WORKSPACE = join(__dirname, '..', '..', '..');
const JEST = join(WORKSPACE, 'node_modules', 'jest', 'bin', 'jest.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Jest as CI runs it: no terminal, CI=true, colours off so the text can be matched. */
function runJest(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [JEST, ...args], {
      cwd: WORKSPACE,
      env: { ...process.env, CI: 'true', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the progress lines in a real Jest run', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jest-progress-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a line for the finished suite and still writes the JSON report', async () => {
    const report = join(dir, 'observability.json');
    const run = await runJest([
      '-c',
      'libs/observability/jest.config.js',
      'libs/observability/src/logging/logger.unit.spec.ts',
      '--json',
      `--outputFile=${report}`,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('[observability] 1 suite to run\n');
    expect(run.stderr).toMatch(
      /^\[observability\] PASS src\/logging\/logger\.unit\.spec\.ts \(2 tests, \d+\.\d s\) \[1\/1 suites\]$/m,
    );
    const summary = JSON.parse(await readFile(report, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    expect(summary).toMatchObject({ numPassedTests: 2, numFailedTests: 0 });
  });

  it("keeps Jest's failure details next to the FAIL line", async () => {
    const run = await runJest([
      '-c',
      'tools/jest-progress/jest.config.js',
      '--testMatch',
      '**/fixtures/failing.fixture.ts',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^\[jest-progress\] FAIL fixtures\/failing\.fixture\.ts \(1 of 1 test failed, \d+\.\d s\) \[1\/1 suites\]$/m,
    );
    expect(run.stderr).toContain('● fails on purpose');
    expect(run.stderr).toContain('"balance": 2');
  });
});
