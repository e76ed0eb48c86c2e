import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { OWN_CATEGORIES } from './relayFixtures';

export const RELAY_MAIN = join(__dirname, '..', 'relay', 'relayMain.ts');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A TypeScript entry run through the tsx CLI in a process group of its own. tsx runs the script
 * in a child process, so a crash is simulated by SIGKILLing the whole group: killing only the
 * tsx process would leave the script running as an orphan.
 */
export class ScriptProcess {
  readonly exited: Promise<Exit>;
  private readonly lines: string[] = [];
  private readonly watchers: Array<{ test: (line: string) => boolean; resolve: (line: string) => void }> = [];

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      this.lines.push(line);
      for (const watcher of this.watchers.filter((w) => w.test(line))) {
        this.watchers.splice(this.watchers.indexOf(watcher), 1);
        watcher.resolve(line);
      }
    });
  }

  static start(script: string, env: Record<string, string>): ScriptProcess {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    return new ScriptProcess(child);
  }

  /** The first output line (so far or to come) that passes `test`; fails if the process exits first. */
  line(test: (line: string) => boolean, timeoutMs = 30_000): Promise<string> {
    const found = this.lines.find(test);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no such line before the timeout')), timeoutMs);
      this.watchers.push({
        test,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
      void this.exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`the process exited (code ${code}, signal ${signal}) before the line appeared`));
      });
    });
  }

  /** The crash: every process of the group dies at once, with no chance to clean up. */
  async kill(): Promise<void> {
    process.kill(-this.child.pid!, 'SIGKILL');
    await this.exited;
  }

  /** A clean stop: tsx passes SIGTERM on to the script and exits with its code. */
  async terminate(): Promise<Exit> {
    this.child.kill('SIGTERM');
    return this.exited;
  }

  /** For afterAll: makes sure nothing of the group outlives the test. */
  async ensureStopped(): Promise<void> {
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  }
}

/** A relayMain process for the evidence service against the test database and broker. */
export function startRelayMain(
  databaseUrl: string,
  brokers: readonly string[],
  env: Record<string, string> = {},
): ScriptProcess {
  return ScriptProcess.start(RELAY_MAIN, {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers.join(','),
    RELAY_SERVICE: 'evidence',
    RELAY_CATEGORIES: OWN_CATEGORIES.join(','),
    KAFKA_IDEMPOTENT: 'false',
    RELAY_POLL_MS: '20',
    ...env,
  });
}

/** relayMain logs one JSON line with this message once it is publishing. */
export const isStartedLine = (line: string): boolean => line.includes('"msg":"relay started"');
