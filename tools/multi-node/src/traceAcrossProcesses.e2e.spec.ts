import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { ledgerReads } from '@ledger/ledger';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@ledger/observability/testing';
import { SERVICES } from '@ledger/registry';
import { DEMO_MESSAGES, DEMO_ORG, NEW_MESSAGE, runWalkthrough, seedDemo } from '@ledger/single-node/demo';
import { startMultiNodeStack, type MultiNodeStack } from './testing/multiNodeStack';
import { waitUntilCaughtUp } from './testing/pipelineState';

jest.setTimeout(300_000);

const SPAN_KIND_SERVER = 2;

/** Personal values of the demo household and the walk-through: none may leave a process as telemetry. */
const CANARIES = [
  'maren.lind@example.net',
  'Maren Lind',
  'priya.raman',
  'IRA ending 4821',
  'open a college savings plan',
  DEMO_MESSAGES[0].body.slice(0, 30),
  NEW_MESSAGE.body.slice(0, 30),
];

/** A caller's trace context: the test starts each user action's trace, as a browser or a gateway would. */
function callerContext() {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

describe('multi-node tracing: one trace per user action across processes, over OTLP/HTTP', () => {
  let receiver: OtlpReceiver;
  let stack: MultiNodeStack | undefined;
  /** The walk-through's steps by path, each with the trace the test started for it. */
  const actions = new Map<string, ReturnType<typeof callerContext>>();

  const serviceOf = (span: ReceivedSpan) => String(span.resource['service.name']);
  const inTrace = (traceId: string) => receiver.spans.filter((span) => span.traceId === traceId);
  const serverSpan = (traceId: string) =>
    inTrace(traceId).find((span) => span.kind === SPAN_KIND_SERVER && span.parentSpanId !== '');

  /** Spans reach the receiver in batches, each process on its own schedule: wait until `check` holds. */
  async function eventually(description: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    stack = await startMultiNodeStack(
      SERVICES.map((service) => service.name),
      {
        env: {
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
          OTEL_BSP_SCHEDULE_DELAY: '100',
          OTEL_METRIC_EXPORT_INTERVAL: '500',
          OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test',
        },
      },
    );
    const running = stack;
    await seedDemo(await running.client(DEMO_ORG, 'advisor', 'demo-advisor'));
    await waitUntilCaughtUp(running.database.url, 'meeting-prep', DEMO_ORG);
    await runWalkthrough(async (step) => {
      const action = callerContext();
      actions.set(step.path.split('?')[0], action);
      const call = await running.client(DEMO_ORG, step.role, `demo-${step.role}`, { traceparent: action.traceparent });
      return call(step.method, step.path, step.body);
    });
    for (const service of ['evidence', 'claims', 'meeting-prep', 'audit'] as const) {
      await waitUntilCaughtUp(running.database.url, service, DEMO_ORG);
    }
  });

  afterAll(async () => {
    await stack?.close();
    await receiver?.close();
  });

  it('stores the ingest request’s server span as the traceparent of the event it appended', async () => {
    const ingest = actions.get('/v1/documents/ingest')!;
    await eventually('the ingest request’s server span', () => serverSpan(ingest.traceId) !== undefined);
    const server = serverSpan(ingest.traceId)!;
    expect(serviceOf(server)).toBe('evidence');
    // The caller's context is the server span's parent: the request joined the caller's trace.
    expect(server.parentSpanId).toBe(ingest.spanId);
    const pool = new Pool({ connectionString: stack!.database.url, max: 1 });
    try {
      const events = await ledgerReads(pool).readOrgRange(DEMO_ORG, { after: -1, limit: 10_000 });
      const ingested = events.filter(
        (event) => event.type === 'DocumentIngested' && event.metadata.traceparent?.includes(ingest.traceId),
      );
      expect(ingested.map((event) => event.metadata.traceparent)).toEqual([`00-${ingest.traceId}-${server.spanId}-01`]);
    } finally {
      await pool.end();
    }
  });

  it('shows ingest → relay → the claims, meeting-prep and audit consumers as one trace, each consumer’s work a child of the request', async () => {
    const ingest = actions.get('/v1/documents/ingest')!;
    const consumers = ['claims', 'meeting-prep', 'audit'];
    const consumedIn = () =>
      new Set(
        inTrace(ingest.traceId)
          .filter((span) => span.name === 'bus.consumer.process')
          .map(serviceOf),
      );
    await eventually('the consumers’ spans in the ingest trace', () =>
      consumers.every((name) => consumedIn().has(name)),
    );
    const spans = inTrace(ingest.traceId);
    const server = serverSpan(ingest.traceId)!;
    expect(new Set(spans.map(serviceOf))).toEqual(new Set(['evidence', ...consumers]));
    const names = (service: string) => new Set(spans.filter((span) => serviceOf(span) === service).map((s) => s.name));
    expect([...names('evidence')]).toEqual(expect.arrayContaining(['ledger.append', 'bus.relay.publish']));
    for (const span of spans.filter((s) => s.name === 'bus.consumer.process' || s.name === 'bus.relay.publish')) {
      expect(span.parentSpanId).toBe(server.spanId);
    }
    // The runs that carried the event link to the request's span from their own traces.
    const runs = receiver.spans.filter(
      (span) => span.name === 'bus.consumer.run' && span.links.some((link) => link.spanId === server.spanId),
    );
    for (const run of runs) expect(run.traceId).not.toBe(ingest.traceId);
  });

  it('follows a claim from its request through the claims projection (from the ledger) to meeting-prep (over Kafka)', async () => {
    const claim = actions.get('/v1/claims')!;
    const services = () => new Set(inTrace(claim.traceId).map(serviceOf));
    await eventually('claims and meeting-prep spans in the claim trace', () =>
      ['claims', 'meeting-prep'].every((name) => services().has(name)),
    );
    const spans = inTrace(claim.traceId);
    const server = serverSpan(claim.traceId)!;
    expect(serviceOf(server)).toBe('claims');
    await eventually('the claims projection’s work in the claim trace', () =>
      inTrace(claim.traceId).some((span) => span.name === 'projection.apply' && serviceOf(span) === 'claims'),
    );
    const projected = inTrace(claim.traceId).filter((span) => span.name === 'projection.apply');
    expect(projected.every((span) => span.parentSpanId === server.spanId)).toBe(true);
    expect(spans.some((span) => span.name === 'bus.consumer.process' && serviceOf(span) === 'meeting-prep')).toBe(true);
    // The projection batch that applied the claim links to the request's span.
    expect(
      receiver.spans.some(
        (span) => span.name === 'projection.batch' && span.links.some((link) => link.spanId === server.spanId),
      ),
    ).toBe(true);
  });

  it('exports the metrics over OTLP, and no personal value in any span, event, link, resource or metric label; no org in a label', async () => {
    const running = stack!;
    stack = undefined;
    // Stopping flushes each process's last spans and metrics.
    await running.close();
    const byService = new Map<string, Set<string>>();
    for (const metric of receiver.metrics) {
      const names = byService.get(String(metric.resource['service.name'])) ?? new Set<string>();
      names.add(metric.name);
      byService.set(String(metric.resource['service.name']), names);
    }
    expect([...byService.keys()].sort()).toEqual(['audit', 'claims', 'evidence', 'meeting-prep']);
    for (const names of byService.values()) {
      expect([...names]).toEqual(expect.arrayContaining(['http.server.request.duration', 'ledger.worker.round.age']));
    }
    const everywhere = new Set([...byService.values()].flatMap((names) => [...names]));
    expect([...everywhere]).toEqual(
      expect.arrayContaining([
        'ledger.append.duration',
        'ledger.sequencer.batches',
        'ledger.projection.lag.events',
        'outbox_published_total',
        'consumer_messages_total',
        'consumer_lag',
      ]),
    );
    const labels = JSON.stringify(receiver.metrics.flatMap((metric) => metric.points));
    expect(labels).not.toContain(DEMO_ORG);

    // In every byte received, and in the decoded text (where a multi-line value would be escaped).
    expect(receiver.raw.length).toBeGreaterThan(0);
    // The search sees attribute values: the org id, an id spans may carry, is found.
    expect(receiver.raw.some((body) => body.includes(DEMO_ORG))).toBe(true);
    for (const canary of CANARIES) {
      expect(receiver.raw.filter((body) => body.includes(canary)).length).toBe(0);
      expect(receiver.decoded.join('\n')).not.toContain(JSON.stringify(canary).slice(1, -1));
    }
  });
});
