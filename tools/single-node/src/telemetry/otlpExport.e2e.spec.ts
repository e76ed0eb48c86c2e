import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOtlpReceiver, type OtlpReceiver } from '@ledger/observability/testing';
import { freeLoopbackPort } from '@ledger/postgres';
import type { Role } from '@ledger/tenancy';
import { DEMO_MESSAGES } from '../demo/demoHousehold';
import { NEW_MESSAGE, runWalkthrough, type WalkthroughStep } from '../demo/walkthrough';

const MAIN = join(__dirname, '..', 'main.ts');
const SPAN_KIND_SERVER = 2;

/** Personal values of the demo and the walk-through: none may leave the process as telemetry. */
const CANARIES = [
  'maren.lind@example.net',
  'Maren Lind',
  'priya.raman',
  'IRA ending 4821',
  'open a college savings plan',
  DEMO_MESSAGES[0].body.slice(0, 30),
  NEW_MESSAGE.body.slice(0, 30),
];

describe('npm start exports OTLP/HTTP protobuf traces and metrics and serves /metrics on its admin port', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-otlp-'));
  chmodSync(dataDir, 0o755);
  let receiver: OtlpReceiver;
  let child: ChildProcess;
  const output: string[] = [];
  const tokens = {} as Record<Role, string>;
  let base = '';
  let metricsUrl = '';
  let scraped = '';

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const port = await freeLoopbackPort();
    base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LEDGER_DATA_DIR: dataDir,
      PORT: String(port),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_METRIC_EXPORT_INTERVAL: '500',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_EXPORTER_PROMETHEUS_PORT: '0',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test',
    };
    for (const name of ['DATABASE_URL', 'LEDGER_MASTER_KEYS', 'LEDGER_DEV_TOKEN_SECRET']) delete env[name];
    child = spawn(process.execPath, ['--import', 'tsx', MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`start timed out:\n${output.join('')}`)), 120_000);
      child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.stdout?.on('data', (chunk: Buffer) => {
        output.push(chunk.toString());
        const text = output.join('');
        for (const match of text.matchAll(/^export (ADVISOR|COMPLIANCE|OPERATOR)=(\S+)$/gm)) {
          tokens[match[1].toLowerCase() as Role] = match[2];
        }
        metricsUrl = /^Metrics \(Prometheus\) at (\S+)\/metrics$/m.exec(text)?.[1] ?? '';
        if (text.includes('Ctrl-C to stop.')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code} before it was up:\n${output.join('')}`)));
    });

    const call = async (step: Pick<WalkthroughStep, 'role' | 'method' | 'path' | 'body'>) => {
      const response = await fetch(`${base}${step.path}`, {
        method: step.method,
        headers: {
          authorization: `Bearer ${tokens[step.role]}`,
          ...(step.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: step.body === undefined ? undefined : JSON.stringify(step.body),
      });
      const body = await response.text();
      if (!response.ok) throw new Error(`${step.method} ${step.path} answered ${response.status}: ${body}`);
      return JSON.parse(body) as unknown;
    };
    await runWalkthrough(call);
    // A failing request too: its span and its metric carry the status, never the bad input.
    const refused = await fetch(`${base}/v1/documents/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.advisor}`, 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: 'Maren Lind', message: { body: CANARIES[0] } }),
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    scraped = await (await fetch(`${metricsUrl}/metrics`)).text();

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 180_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exports spans: HTTP server spans with their route, and the ledger append inside the request that made it', () => {
    const names = new Set(receiver.spans.map((span) => span.name));
    expect(names).toContain('ledger.append');
    expect(names).toContain('ledger.sequencer.batch');
    const server = receiver.spans.filter((span) => span.kind === SPAN_KIND_SERVER);
    expect(server.length).toBeGreaterThan(0);
    const ingest = server.find((span) => span.attributes['http.route'] === '/v1/documents/ingest');
    expect(ingest).toBeDefined();
    const appendInIngest = receiver.spans.find(
      (span) => span.name === 'ledger.append' && span.traceId === ingest?.traceId,
    );
    expect(appendInIngest).toBeDefined();
    // pg statements are traced inside a traced operation.
    expect(receiver.spans.some((span) => span.scope.includes('pg') && span.traceId === ingest?.traceId)).toBe(true);
  });

  it('records the projections’ work on an ingested event in the request’s trace, beneath its server span', () => {
    const appended = new Set(
      receiver.spans.filter((span) => span.name === 'ledger.append').map((span) => span.traceId),
    );
    const ingests = receiver.spans.filter(
      (span) =>
        span.kind === SPAN_KIND_SERVER &&
        span.attributes['http.route'] === '/v1/documents/ingest' &&
        appended.has(span.traceId),
    );
    expect(ingests.length).toBeGreaterThan(0);
    for (const ingest of ingests) {
      const applied = receiver.spans.filter(
        (span) => span.name === 'projection.apply' && span.traceId === ingest.traceId,
      );
      expect(applied.length).toBeGreaterThan(0);
      expect(applied.map((span) => span.parentSpanId)).toEqual(applied.map(() => ingest.spanId));
      // The runner's batch links to the request's span from its own trace.
      const batches = receiver.spans.filter(
        (span) => span.name === 'projection.batch' && span.links.some((link) => link.spanId === ingest.spanId),
      );
      expect(batches.length).toBeGreaterThan(0);
      expect(batches.every((span) => span.traceId !== ingest.traceId)).toBe(true);
    }
  });

  it('names the process in the resource: service name, version, environment', () => {
    const resource = receiver.spans[0].resource;
    expect(resource['service.name']).toBe('single-node');
    expect(resource['service.version']).toBe('0.1.0');
    expect(resource['deployment.environment']).toBe('test');
  });

  it('exports the metrics over OTLP and serves them on the admin port', () => {
    const names = new Set(receiver.metrics.map((metric) => metric.name));
    expect(names).toContain('ledger.append.duration');
    expect(names).toContain('ledger.sequencer.batches');
    // HTTP metrics per route template, never per raw path.
    const httpPoints = receiver.metrics.filter((m) => m.name.startsWith('http.server.')).flatMap((m) => m.points);
    expect(httpPoints.some((point) => point['http.route'] === '/v1/documents/ingest')).toBe(true);
    expect(httpPoints.some((point) => String(point['http.route'] ?? '').includes('doc-'))).toBe(false);
    expect(scraped).toMatch(/^ledger_append_duration_bucket\{/m);
    expect(scraped).toMatch(/^ledger_sequencer_batches(_total)?\{/m);
  });

  it('lets no personal value out: not in a span attribute, event, link, resource, metric label or scrape', () => {
    expect(receiver.decoded.length).toBeGreaterThan(0);
    const everything = [...receiver.decoded, scraped].join('\n');
    for (const canary of CANARIES) {
      expect(everything).not.toContain(canary);
      // A multi-line value is escaped in the decoded text; the received bytes hold it as sent.
      expect(everything).not.toContain(JSON.stringify(canary).slice(1, -1));
      expect(receiver.raw.filter((body) => body.includes(canary))).toHaveLength(0);
    }
  });
});
