/**
 * bench:http — the single-node process on a real PostgreSQL under autocannon (loopback only):
 * Evidence.List reads with their access audit, and claim creation, against a bare Fastify
 * route running the same SELECT in the same run. Prints one JSON line and writes
 * outputs/bench/http.json. `--quick` keeps it under 30 s.
 *
 * `--telemetry-cost [--quick] [--rounds N]` runs this bench N times (default 3) with the server's
 * telemetry off and N times with it on, alternating (`httpTelemetryCost.ts`), and writes
 * outputs/bench/telemetry-cost-http.json instead.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openBenchDatabase, progress, reportBench, round } from '@ledger/ledger/bench';
import { RUN_WITH_TELEMETRY } from '@ledger/observability/bench';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 3 : 15;
const CONNECTIONS = 10;
const FIXED_RATE = 200;

interface ServerInfo {
  appPort: number;
  barePort: number;
  token: string;
  /** A span of the demo the created claims cite. */
  spanId: string;
}

type Options = autocannon.Options;

function run(options: Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    if (process.stderr.isTTY) autocannon.track(instance, { renderProgressBar: true, renderResultsTable: false });
  });
}

function claimBody(n: number, spanId: string): string {
  return JSON.stringify({
    claimId: `bench-claim-${process.pid}-${n}`,
    subjectEntityId: 'client-c1',
    predicate: 'statedPreference',
    object: { kind: 'literal', value: `benchmark preference ${n}` },
    spanIds: [spanId],
  });
}

async function main(): Promise<void> {
  const database = await openBenchDatabase();
  progress(`database: ${database.server}; starting the single-node server and seeding the demo`);
  // Under --telemetry-cost the server starts telemetry first, on or off; the load generator never does.
  const entry = process.env.BENCH_TELEMETRY ? [RUN_WITH_TELEMETRY] : [];
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), ...entry, join(__dirname, 'benchServer.ts')], {
    env: { ...process.env, BENCH_DATABASE_URL: database.url, BENCH_SERVICE_NAME: 'bench-http' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    const info = await new Promise<ServerInfo>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('{"appPort"')) resolve(JSON.parse(line) as ServerInfo);
      });
      child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const headers = { authorization: `Bearer ${info.token}` };
    const readUrl = `http://127.0.0.1:${info.appPort}/v1/evidence?entityId=client-c1&limit=50`;
    const bareUrl = `http://127.0.0.1:${info.barePort}/evidence?entityId=client-c1`;
    const base: Options = { url: '', connections: CONNECTIONS, duration: SECONDS, headers };

    progress('warm-up');
    await run({ ...base, url: readUrl, duration: 1 });
    await run({ ...base, url: bareUrl, duration: 1 });
    progress(`baseline: bare Fastify + the same SELECT, ${SECONDS}s x ${CONNECTIONS} connections`);
    const bare = await run({ ...base, url: bareUrl });
    progress('Evidence.List with its access audit');
    const read = await run({ ...base, url: readUrl });
    progress(`Evidence.List at a fixed ${FIXED_RATE} requests/s`);
    const paced = await run({ ...base, url: readUrl, overallRate: FIXED_RATE });
    progress('claim creation');
    let n = 0;
    const write = await run({
      ...base,
      url: `http://127.0.0.1:${info.appPort}/v1/claims`,
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      requests: [{ setupRequest: (request) => ({ ...request, body: claimBody(n++, info.spanId) }) }],
    });
    const failures = [bare, read, paced, write].map((r) => r.non2xx + r.errors);
    const summary = [bare, read, paced, write].map(
      (r) => `${r.url}: 2xx ${r['2xx']} non2xx ${r.non2xx} errors ${r.errors}`,
    );
    if ([bare, read, paced, write].some((r) => r['2xx'] === 0))
      throw new Error(`a run had no successful request:\n${summary.join('\n')}`);
    await reportBench('http', {
      bench: 'http',
      mode: quick ? 'quick' : 'full',
      server: database.server,
      connections: CONNECTIONS,
      seconds: SECONDS,
      read_rps: round(read.requests.average, 1),
      read_p50_ms: read.latency.p50,
      read_p99_ms: read.latency.p99,
      baseline_read_rps: round(bare.requests.average, 1),
      baseline_read_p99_ms: bare.latency.p99,
      read_ratio: round(read.requests.average / bare.requests.average, 3),
      fixed_rate_rps: FIXED_RATE,
      read_p99_ms_at_fixed_rate: paced.latency.p99,
      write_rps: round(write.requests.average, 1),
      write_p50_ms: write.latency.p50,
      write_p99_ms: write.latency.p99,
      failed_requests: failures.reduce((a, b) => a + b, 0),
      targets: { read_ratio: 0.4, read_p99_ms_at_fixed_rate: 50 },
    });
  } finally {
    child.stdin?.end();
    await new Promise((resolve) => child.once('exit', resolve));
    await database.close();
  }
}

const bench = process.argv.includes('--telemetry-cost')
  ? import('./httpTelemetryCost').then(({ measureTelemetryCost }) => measureTelemetryCost(__filename))
  : main();
bench.catch((error: unknown) => {
  process.stderr.write(`bench:http failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
