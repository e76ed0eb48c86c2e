import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..', '..', '..');

/**
 * A data folder that does not exist yet, in a parent the embedded server's own user can enter
 * (run as root, initdb runs as `postgres`, and mkdtemp's 0700 would shut it out).
 */
export function freshDataDir(): { parent: string; dataDir: string } {
  const parent = mkdtempSync(join(tmpdir(), 'ledger-npm-start-'));
  chmodSync(parent, 0o755);
  return { parent, dataDir: join(parent, 'data') };
}

export interface NpmStart {
  readonly child: ChildProcess;
  /** The npm process itself. */
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stdout holds `text`; rejects when the process exits first or after `timeoutMs`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
}

/**
 * `npm start` as a newcomer runs it (no DATABASE_URL, keys or token secret), in its own process
 * group, so that signals reach only what the test sends them to.
 */
export function npmStart(env: Record<string, string>): NpmStart {
  // Any free admin port, unless a test names one: several starts run at once (a second start
  // into a locked folder, other suites in parallel) and must meet the refusal under test first.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, OTEL_EXPORTER_PROMETHEUS_PORT: '0', ...env };
  for (const name of ['DATABASE_URL', 'LEDGER_MASTER_KEYS', 'LEDGER_SIGNING_KEYS', 'LEDGER_DEV_TOKEN_SECRET']) {
    delete childEnv[name];
  }
  for (const name of ['TOPOLOGY', 'SERVICES', 'HOST']) if (!(name in env)) delete childEnv[name];
  const child = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: childEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  // Its output is complete once its pipes close; a survivor holding them must not hang the test.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
    child.once('exit', (code, signal) => setTimeout(() => resolve({ code, signal }), 3000).unref());
  });
  return {
    child,
    pid: child.pid as number,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (text, timeoutMs = 120_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${text}" within ${timeoutMs} ms:\n${out}\n${err}`)),
          timeoutMs,
        );
        const check = () => {
          if (!out.includes(text)) return;
          clearTimeout(timer);
          resolve();
        };
        child.stdout?.on('data', check);
        check();
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`exited before "${text}":\n${out}\n${err}`));
        });
      }),
  };
}

/** The lines a refused start wrote to stderr, without blank ones. */
export function stderrLines(started: NpmStart): string[] {
  return started
    .stderr()
    .split('\n')
    .filter((line) => line.trim() !== '');
}
