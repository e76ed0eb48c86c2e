import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../alertRules';
import { DATA_DIR_VARIABLE, TOKEN_SECRET_VARIABLE } from './fixture/fixtureAuth';

const ENTRY = join(__dirname, 'fixture', 'serviceUnderAlert.ts');

export interface ServiceUnderAlert {
  readonly child: ChildProcess;
  apiUrl: string;
  metricsUrl: string;
  output(): string;
  /** SIGKILL: the process is gone at once, as after an OOM kill, with nothing flushed. */
  kill(): Promise<void>;
  /** SIGTERM and wait for its clean exit. */
  stop(): Promise<void>;
}

export interface ServiceUnderAlertOptions {
  databaseUrl: string;
  /** Keys, signing keys and the log, kept across restarts. */
  dataDir: string;
  tokenSecret: Buffer;
  /** The admin port, the same across restarts so that Prometheus's static target finds it again. */
  metricsPort: number;
}

/** Starts the process under alert (`fixture/serviceUnderAlert.ts`) and waits until it serves. */
export async function startServiceUnderAlert(options: ServiceUnderAlertOptions): Promise<ServiceUnderAlert> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    [DATA_DIR_VARIABLE]: options.dataDir,
    [TOKEN_SECRET_VARIABLE]: options.tokenSecret.toString('base64'),
    OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
    OTEL_EXPORTER_PROMETHEUS_PORT: String(options.metricsPort),
  };
  for (const name of ['LEDGER_MASTER_KEYS', 'LEDGER_SIGNING_KEYS', 'OTEL_EXPORTER_OTLP_ENDPOINT']) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = await new Promise<{ apiUrl: string; metricsUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not up within 120 s:\n${log.join('')}`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      log.push(chunk.toString());
      const text = log.join('');
      const api = /^api (\S+)$/m.exec(text)?.[1];
      const metrics = /^metrics (\S+)$/m.exec(text)?.[1];
      if (api && metrics) {
        clearTimeout(timer);
        resolve({ apiUrl: api, metricsUrl: metrics });
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited before it was up:\n${log.join('')}`));
    });
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    ...started,
    output: () => log.join(''),
    async kill() {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
