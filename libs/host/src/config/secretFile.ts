import { readFileSync } from 'node:fs';
import { StartRefused } from './startRefused';

/**
 * A secret mounted as a file by a secret manager (`<NAME>_FILE`). Read synchronously: it is
 * small, and a start-up refusal or a rotation must see the file as it is now, whole.
 */
export function readSecretFile(variable: string, path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new StartRefused(`${variable}=${path} cannot be read (${code})`);
  }
  if (text === '') throw new StartRefused(`${variable}=${path} is empty`);
  return text;
}

/** The value of `<name>_FILE`'s file, else of `<name>` itself; undefined when neither is set. */
export function secretValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const file = env[`${name}_FILE`]?.trim();
  if (file) return readSecretFile(`${name}_FILE`, file);
  return env[name]?.trim() || undefined;
}

export const DEFAULT_RELOAD_SECONDS = 30;

/** LEDGER_SECRETS_RELOAD_SECONDS: how often mounted secret files are read again. */
export function reloadSeconds(env: NodeJS.ProcessEnv): number {
  const text = env.LEDGER_SECRETS_RELOAD_SECONDS?.trim();
  if (!text) return DEFAULT_RELOAD_SECONDS;
  const seconds = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(seconds >= 1 && seconds <= 3600)) {
    throw new StartRefused(`LEDGER_SECRETS_RELOAD_SECONDS=${text} must be an integer from 1 to 3600`);
  }
  return seconds;
}

export interface SecretWatch {
  /** Reads the file now; applies it when its content changed. */
  reload(): void;
  stop(): void;
}

/**
 * Re-reads a mounted secret on a timer and hands a changed content to `apply`. A timer rather
 * than fs.watch: a Kubernetes secret volume rotates by swapping a symbolic link to a new folder,
 * which a watch on the file misses. A file that cannot be read or applied (half-written, bad
 * keys) leaves the previous secret in force and is reported to `onError` by path, never content.
 */
export function watchSecretFile(
  variable: string,
  path: string,
  intervalMs: number,
  apply: (text: string) => void,
  onError: (error: Error) => void,
): SecretWatch {
  let last = readSecretFile(variable, path);
  const reload = () => {
    let text: string;
    try {
      text = readSecretFile(variable, path);
    } catch (error) {
      onError(error as Error);
      return;
    }
    if (text === last) return;
    try {
      apply(text);
      last = text;
    } catch {
      // A parser's message may quote the file; the path is enough to act on.
      onError(new Error(`${variable}=${path} holds no usable secret; the previous one stays in force`));
    }
  };
  const timer = setInterval(reload, intervalMs);
  timer.unref();
  return { reload, stop: () => clearInterval(timer) };
}
