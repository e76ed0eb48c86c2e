import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus';

export interface AdminServer {
  /** `http://host:port` as bound (the port is the real one when 0 asked for any). */
  url: string;
  close(): Promise<void>;
}

/**
 * The admin port: `GET /metrics` in the Prometheus text format and nothing else, apart from the
 * public API so that a scrape needs no token and the API never exposes internals.
 */
export async function listenAdmin(exporter: PrometheusExporter, host: string, port: number): Promise<AdminServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/metrics') {
      exporter.getMetricsRequestHandler(request, response);
      return;
    }
    response.statusCode = 404;
    response.setHeader('content-type', 'text/plain');
    response.end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.unref();
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
