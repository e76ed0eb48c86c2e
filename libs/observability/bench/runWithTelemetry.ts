/**
 * `node <tsx> runWithTelemetry.ts <script> [args…]`: starts the OpenTelemetry SDK as a process
 * entry point does (`startTelemetry`, configured by the `OTEL_*` variables, so
 * `OTEL_SDK_DISABLED=true` turns it off), serves `/metrics` on any free port, and then loads
 * `<script>` with `args` as its own arguments. With `BENCH_SCRAPE_MS` it scrapes its own
 * `/metrics` that often, as Prometheus would. The benches' `--telemetry-cost` mode runs their
 * processes through it, with telemetry on and off. A script that exports `finished` (a promise
 * settling when its work is done) is followed by a flush and the end of the process: the SDK's
 * exporters would otherwise keep a process alive that ends by itself without them.
 */
import { resolve } from 'node:path';
import { startTelemetry } from '../telemetry';

async function main(): Promise<void> {
  const [script, ...args] = process.argv.slice(2);
  if (!script) throw new Error('usage: runWithTelemetry.ts <script> [args…]');
  const telemetry = startTelemetry({
    serviceName: process.env.BENCH_SERVICE_NAME ?? 'bench',
    serviceVersion: '0.0.0',
    env: { ...process.env, OTEL_EXPORTER_PROMETHEUS_PORT: '0' },
  });
  const admin = await telemetry.listenMetrics();
  const every = Number(process.env.BENCH_SCRAPE_MS ?? 0);
  if (every > 0 && !telemetry.config.disabled) {
    const scrape = setInterval(() => {
      fetch(`${admin.url}/metrics`)
        .then((response) => response.text())
        .catch(() => undefined);
    }, every);
    scrape.unref();
  }
  process.argv = [process.argv[0], resolve(script), ...args];
  const target = (await import(resolve(script))) as Finishing & { default?: Finishing };
  const finished = target.finished ?? target.default?.finished;
  if (!finished) return;
  await finished;
  await Promise.race([telemetry.shutdown(), new Promise((done) => setTimeout(done, 5000).unref())]);
  process.exit();
}

interface Finishing {
  finished?: Promise<unknown>;
}

main().catch((error: unknown) => {
  process.stderr.write(`runWithTelemetry: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
