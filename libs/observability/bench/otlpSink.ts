import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtlpSink {
  /** `OTEL_EXPORTER_OTLP_ENDPOINT` for the processes under measure. */
  endpoint: string;
  /** Export requests received, by signal (`traces`, `metrics`), and their bytes. */
  received(): Record<string, { requests: number; bytes: number }>;
  close(): Promise<void>;
}

/**
 * A loopback OTLP/HTTP endpoint that takes every export and throws it away, answering as a
 * collector does (200, an empty protobuf response): what a telemetry-cost run exports to, so the
 * processes pay for encoding and sending and the bench pays nothing for decoding.
 */
export async function startOtlpSink(): Promise<OtlpSink> {
  const counts: Record<string, { requests: number; bytes: number }> = {};
  const server = createServer((request, response) => {
    const signal = (request.url ?? '').split('/').pop() ?? 'unknown';
    const count = (counts[signal] ??= { requests: 0, bytes: 0 });
    request.on('data', (chunk: Buffer) => (count.bytes += chunk.length));
    request.on('end', () => {
      count.requests += 1;
      response.writeHead(200, { 'content-type': 'application/x-protobuf' });
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    received: () => structuredClone(counts),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
