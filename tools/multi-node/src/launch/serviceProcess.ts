import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import type { ServiceName } from '@ledger/host';
import { parentPipeEnv } from './parentWatch';

const SERVICE_MAIN = join(__dirname, '..', 'serviceMain.ts');
const READY = / listening on (http:\/\/\S+) metrics on (http:\/\/\S+)\/metrics$/;
/** A service that has not stopped this long after SIGTERM is killed. */
const STOP_TIMEOUT_MS = 10_000;

export interface ServiceProcess {
  name: ServiceName;
  baseUrl: string;
  /** The admin port's `http://host:port`, serving `/metrics`. */
  metricsUrl: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Sends `signal` (SIGTERM) and resolves once the process has exited, SIGKILLing it if it hangs. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface SpawnOptions {
  /**
   * The whole environment of the child: TOPOLOGY, SERVICES, DATABASE_URL, KAFKA_BROKERS, keys, PORT,
   * OTEL_EXPORTER_PROMETHEUS_PORT (its admin port; 0 for any free one).
   */
  env: NodeJS.ProcessEnv;
  /** Every line the child writes, stdout and stderr. */
  onLine?: (line: string) => void;
  startTimeoutMs?: number;
  /** The process's entry point; default `serviceMain.ts`, which knows the registry's services. */
  main?: string;
}

/** Starts `serviceMain` for one service and resolves once it listens; rejects with its output if it exits first. */
export function spawnService(name: ServiceName, options: SpawnOptions): Promise<ServiceProcess> {
  // tsx as a loader of this very process, not its CLI, which runs the script in a grandchild that
  // a SIGKILL of the CLI would leave running. The stdin pipe closes when this process dies, however
  // it dies, and the service then stops by itself.
  const child = spawn(
    process.execPath,
    ['--import', pathToFileURL(require.resolve('tsx')).href, options.main ?? SERVICE_MAIN],
    {
      env: { ...options.env, ...parentPipeEnv(), SERVICES: name },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start in time:\n${output.join('\n')}`));
    }, options.startTimeoutMs ?? 90_000);
    const onLine = (line: string) => {
      options.onLine?.(line);
      if (output.length < 200) output.push(line);
      const ready = READY.exec(line);
      if (!ready) return;
      clearTimeout(timer);
      resolve({
        name,
        baseUrl: ready[1],
        metricsUrl: ready[2],
        child,
        exited,
        stop: (signal = 'SIGTERM') => {
          if (child.exitCode !== null || child.signalCode !== null) return exited;
          child.kill(signal);
          const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
          return exited.finally(() => clearTimeout(force));
        },
      });
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it listened:\n${output.join('\n')}`));
    });
  });
}
