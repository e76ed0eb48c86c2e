import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse, type Type } from 'protobufjs';
import { OTLP_PROTO } from './otlpProto';

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  /** The spans this one links to (a batch's to the spans that produced its items). */
  links: Array<{ traceId: string; spanId: string }>;
  resource: Record<string, unknown>;
  scope: string;
}

export interface ReceivedMetric {
  name: string;
  resource: Record<string, unknown>;
  /** The attributes of each data point. */
  points: Array<Record<string, unknown>>;
}

export interface OtlpReceiver {
  /** `http://127.0.0.1:port`, for OTEL_EXPORTER_OTLP_ENDPOINT. */
  endpoint: string;
  spans: ReceivedSpan[];
  metrics: ReceivedMetric[];
  /** Every request decoded, whole, as JSON: what a search for a value must look through. */
  decoded: string[];
  /** Every request body as received, protobuf bytes: a string travels in them as its UTF-8. */
  raw: Buffer[];
  close(): Promise<void>;
}

type Decoded = Record<string, unknown>;
type KeyValue = { key: string; value?: Decoded };

function valueOf(any: Decoded | undefined): unknown {
  if (!any) return undefined;
  if ('arrayValue' in any) return ((any.arrayValue as { values?: Decoded[] }).values ?? []).map(valueOf);
  if ('kvlistValue' in any) return attributesOf((any.kvlistValue as { values?: KeyValue[] }).values);
  const [first] = Object.values(any);
  return first;
}

function attributesOf(list: KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, valueOf(kv.value)]));
}

const hex = (bytes: unknown) => (Array.isArray(bytes) ? Buffer.from(bytes as number[]).toString('hex') : '');

/**
 * A loopback OTLP/HTTP receiver, protobuf only (what the processes export): it decodes what
 * arrives at `/v1/traces` and `/v1/metrics` with the OTLP schema and keeps it for assertions.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const root = parse(OTLP_PROTO).root;
  const traces: Type = root.lookupType('otlp.ExportTraceServiceRequest');
  const metricsType: Type = root.lookupType('otlp.ExportMetricsServiceRequest');
  const received: Omit<OtlpReceiver, 'endpoint' | 'close'> = { spans: [], metrics: [], decoded: [], raw: [] };

  const take = (path: string, body: Buffer) => {
    const type = path === '/v1/traces' ? traces : metricsType;
    const message = type.toObject(type.decode(body), { longs: String, bytes: Array, defaults: false }) as Decoded;
    received.decoded.push(JSON.stringify(message));
    // The plain object, not the decoded message: a message's prototype answers for every field.
    const raw = message;
    if (path === '/v1/traces') {
      for (const rs of (raw.resourceSpans as Decoded[] | undefined) ?? []) {
        const resource = attributesOf((rs.resource as { attributes?: KeyValue[] } | undefined)?.attributes);
        for (const ss of (rs.scopeSpans as Decoded[] | undefined) ?? []) {
          const scope = String((ss.scope as { name?: string } | undefined)?.name ?? '');
          for (const span of (ss.spans as Decoded[] | undefined) ?? []) {
            received.spans.push({
              traceId: hex(span.traceId),
              spanId: hex(span.spanId),
              parentSpanId: hex(span.parentSpanId),
              name: String(span.name),
              kind: Number(span.kind ?? 0),
              attributes: attributesOf(span.attributes as KeyValue[] | undefined),
              links: ((span.links as Decoded[] | undefined) ?? []).map((link) => ({
                traceId: hex(link.traceId),
                spanId: hex(link.spanId),
              })),
              resource,
              scope,
            });
          }
        }
      }
      return;
    }
    for (const rm of (raw.resourceMetrics as Decoded[] | undefined) ?? []) {
      const resource = attributesOf((rm.resource as { attributes?: KeyValue[] } | undefined)?.attributes);
      for (const sm of (rm.scopeMetrics as Decoded[] | undefined) ?? []) {
        for (const metric of (sm.metrics as Decoded[] | undefined) ?? []) {
          const data = (metric.gauge ??
            metric.sum ??
            metric.histogram ??
            metric.exponentialHistogram ??
            metric.summary) as { dataPoints?: Array<{ attributes?: KeyValue[] }> } | undefined;
          received.metrics.push({
            name: String(metric.name),
            resource,
            points: (data?.dataPoints ?? []).map((point) => attributesOf(point.attributes)),
          });
        }
      }
    }
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '').split('?')[0];
      if (request.method !== 'POST' || (path !== '/v1/traces' && path !== '/v1/metrics')) {
        response.statusCode = 404;
        response.end();
        return;
      }
      try {
        const body = Buffer.concat(chunks);
        received.raw.push(body);
        take(path, body);
        response.statusCode = 200;
        response.setHeader('content-type', 'application/x-protobuf');
        response.end();
      } catch {
        response.statusCode = 400;
        response.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    ...received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
