import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freeLoopbackPort } from '@ledger/postgres';
import { rulesWithShortFor } from './testRules';

export interface ScrapeJob {
  /** `ledger-…`: the alert rules' `up{job=~"ledger.*"}` covers it. */
  job: string;
  /** `host:port` of the process's admin port. */
  target: string;
}

export interface MonitoringStackOptions {
  jobs: readonly ScrapeJob[];
  webhookUrl: string;
  /** Every rule's `for:` in the test (default 2s). */
  holdFor?: string;
}

export interface MonitoringStack {
  prometheusUrl: string;
  alertmanagerUrl: string;
  /** What Prometheus evaluates `expr` to now: each series' value. */
  query(expr: string): Promise<number[]>;
  /** Polls `expr` until `accept` takes its values; throws with the last ones after `timeoutMs`. */
  waitForQuery(expr: string, accept: (values: number[]) => boolean, timeoutMs?: number): Promise<void>;
  /** What the two servers wrote, for a failure's message. */
  output(): string;
  stop(): Promise<void>;
}

/** Debian's `prometheus` and `prometheus-alertmanager` (`.ci/run` installs both). */
const PROMETHEUS = 'prometheus';
const ALERTMANAGER = 'prometheus-alertmanager';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function launch(command: string, args: string[], log: string[]): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.on('error', (error) => log.push(`${command}: ${error.message}\n`));
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  return child;
}

async function waitReady(url: string, child: ChildProcess, log: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    const ready = await fetch(`${url}/-/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await sleep(200);
  }
  throw new Error(`${url} did not become ready:\n${log.join('').slice(-4000)}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Prometheus loading the deployed alert rules (with short `for:`), scraping and evaluating every
 * second, and Alertmanager notifying a webhook at once for every alert and its resolution; each on
 * a free loopback port with its own temporary configuration and storage.
 */
export async function startMonitoringStack(options: MonitoringStackOptions): Promise<MonitoringStack> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-alert-firing-'));
  chmodSync(dir, 0o755);
  const log: string[] = [];
  const [promPort, amPort] = [await freeLoopbackPort(), await freeLoopbackPort()];
  const alertmanagerUrl = `http://127.0.0.1:${amPort}`;
  const prometheusUrl = `http://127.0.0.1:${promPort}`;

  writeFileSync(
    join(dir, 'alertmanager.yml'),
    stringify({
      route: {
        receiver: 'webhook',
        group_by: ['alertname'],
        group_wait: '1s',
        group_interval: '1s',
        repeat_interval: '1h',
      },
      receivers: [{ name: 'webhook', webhook_configs: [{ url: options.webhookUrl, send_resolved: true }] }],
    }),
  );
  writeFileSync(join(dir, 'alerts.yml'), rulesWithShortFor(options.holdFor ?? '2s'));
  writeFileSync(
    join(dir, 'prometheus.yml'),
    stringify({
      global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
      rule_files: ['alerts.yml'],
      alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] }] },
      scrape_configs: options.jobs.map((job) => ({ job_name: job.job, static_configs: [{ targets: [job.target] }] })),
    }),
  );
  mkdirSync(join(dir, 'alertmanager-data'));
  mkdirSync(join(dir, 'tsdb'));

  const alertmanager = launch(
    ALERTMANAGER,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'alertmanager-data')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      '--cluster.listen-address=',
    ],
    log,
  );
  const prometheus = launch(
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      // Firing alerts are sent again this often (default 1m): Alertmanager hears of each at once.
      '--rules.alert.resend-delay=1s',
    ],
    log,
  );
  const stop = async () => {
    await Promise.all([stopChild(prometheus), stopChild(alertmanager)]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(alertmanagerUrl, alertmanager, log);
    await waitReady(prometheusUrl, prometheus, log);
  } catch (error) {
    await stop();
    throw error;
  }
  const query = async (expr: string): Promise<number[]> => {
    const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await response.json()) as { data: { result: Array<{ value: [number, string] }> } };
    return body.data.result.map((series) => Number(series.value[1]));
  };
  return {
    prometheusUrl,
    alertmanagerUrl,
    query,
    async waitForQuery(expr, accept, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!accept(await query(expr))) {
        if (Date.now() > deadline)
          throw new Error(`${expr} is ${JSON.stringify(await query(expr))} after ${timeoutMs} ms`);
        await sleep(500);
      }
    },
    output: () => log.join(''),
    stop,
  };
}
