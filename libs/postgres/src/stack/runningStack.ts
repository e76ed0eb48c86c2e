import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * What a local stack (`npm start`, `npm run start:multi -- --local`) writes beside its data so
 * that on-call commands on the same machine reach it without DATABASE_URL. The file holds the
 * embedded server's development credentials, so it is written 0600 and removed on a clean stop.
 */
export interface RunningStack {
  readonly topology: 'single-node' | 'multi-node';
  /** The embedded server's URL (its port changes at every start). */
  readonly databaseUrl: string;
  /** Absolute data folder of the stack. */
  readonly dataDir: string;
  /** The process that owns the stack; a file whose process is gone is stale. */
  readonly pid: number;
  readonly startedAt: string;
  /** Files in the LEDGER_MASTER_KEYS and LEDGER_SIGNING_KEYS formats. */
  readonly masterKeysFile: string;
  readonly signingKeysFile: string;
}

export const STACK_FILE = 'stack.json';

export function stackFilePath(dataDir: string): string {
  return join(resolve(dataDir), STACK_FILE);
}

export async function writeRunningStack(stack: RunningStack): Promise<string> {
  const file = stackFilePath(stack.dataDir);
  await writeFile(file, `${JSON.stringify(stack, null, 2)}\n`, { mode: 0o600 });
  return file;
}

export async function removeRunningStack(dataDir: string): Promise<void> {
  await rm(stackFilePath(dataDir), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The stack described in `dataDir`, when its file exists and its process is still running. */
export function readRunningStack(dataDir: string): RunningStack | undefined {
  let text: string;
  try {
    text = readFileSync(stackFilePath(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const stack = JSON.parse(text) as RunningStack;
    if (typeof stack.databaseUrl !== 'string' || typeof stack.pid !== 'number') return undefined;
    return isAlive(stack.pid) ? stack : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The data folders a local stack may use, in the order they are looked at: LEDGER_DATA_DIR
 * alone when set, otherwise `npm start`'s and `start:multi --local`'s defaults.
 */
export function stackDataDirs(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string[] {
  if (env.LEDGER_DATA_DIR) return [resolve(cwd, env.LEDGER_DATA_DIR)];
  return [resolve(cwd, '.data'), resolve(cwd, '.data/multi-node')];
}

/** Every running local stack found in the candidate folders. */
export function findRunningStacks(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): RunningStack[] {
  return stackDataDirs(env, cwd)
    .map((dir) => readRunningStack(dir))
    .filter((stack): stack is RunningStack => stack !== undefined);
}
