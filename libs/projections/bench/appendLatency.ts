import { fork } from 'node:child_process';
import { join } from 'node:path';

export interface LatencyProbe {
  /** Stops the appends and returns each append's latency in ms, sorted. */
  stop(): Promise<number[]>;
}

/**
 * Steady traffic on another org from a separate process (a service is not the process that
 * rebuilds): one single-event append every `intervalMs`, each timed until acknowledged.
 */
export async function startAppendProbe(
  databaseUrl: string,
  orgId: string,
  intervalMs: number,
  offset: number,
): Promise<LatencyProbe> {
  const child = fork(join(__dirname, 'appendProbeChild.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ORG_ID: orgId,
      INTERVAL_MS: String(intervalMs),
      OFFSET: String(offset),
    },
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const messages: unknown[] = [];
  let notify: (() => void) | null = null;
  child.on('message', (message) => {
    messages.push(message);
    notify?.();
  });
  const next = () =>
    new Promise<unknown>((resolve) => {
      const take = () => {
        if (messages.length === 0) return void (notify = take);
        notify = null;
        resolve(messages.shift());
      };
      take();
    });
  await next(); // 'ready'
  return {
    async stop() {
      child.send('stop');
      const latencies = (await next()) as number[];
      await exited;
      return latencies.sort((a, b) => a - b);
    },
  };
}
