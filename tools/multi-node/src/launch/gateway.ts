import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceName } from '@ledger/host';
import { serviceForPath } from '@ledger/registry';

export interface GatewayOptions {
  /** Where each service listens now. */
  baseUrls: () => ReadonlyMap<ServiceName, string>;
  host?: string;
  /** 0: any free port. */
  port: number;
  /**
   * How long a 404 is retried. A service learns of another's ids through Kafka, so a span just
   * pinned in evidence is unknown to claims for a moment; routed clients retry, and so does this.
   */
  notFoundRetryMs?: number;
}

export interface Gateway {
  readonly url: string;
  close(): Promise<void>;
}

/** The largest request body the gateway buffers (it replays a body when it retries). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Hop-by-hop headers and the ones recomputed for the buffered body. */
const DROPPED_HEADERS = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade']);

class TooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new TooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

function problem(response: ServerResponse, status: number, code: string, detail: string): void {
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(JSON.stringify({ type: `urn:ledger:problem:${code}`, title: code, status, code, detail }));
}

function forwardedHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || DROPPED_HEADERS.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

async function forward(options: GatewayOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = request.url ?? '/';
  let service: ServiceName;
  try {
    service = serviceForPath(path).name;
  } catch {
    problem(response, 404, 'GATEWAY.NO_ROUTE', 'no service serves this path; the API is under /v1');
    return;
  }
  const method = request.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(request);
  const headers = forwardedHeaders(request);
  const deadline = Date.now() + (options.notFoundRetryMs ?? 5_000);
  for (;;) {
    const base = options.baseUrls().get(service);
    if (!base) {
      problem(response, 503, 'GATEWAY.SERVICE_DOWN', `${service} is not running`);
      return;
    }
    const answer = await fetch(`${base}${path}`, { method, headers, body, redirect: 'manual' });
    const bytes = Buffer.from(await answer.arrayBuffer());
    if (answer.status === 404 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    const out: Record<string, string | string[]> = {};
    answer.headers.forEach((value, name) => {
      // fetch has already decoded the body, and it is sent whole.
      if (DROPPED_HEADERS.has(name) || name === 'content-encoding' || name === 'set-cookie') return;
      out[name] = value;
    });
    const cookies = answer.headers.getSetCookie();
    if (cookies.length > 0) out['set-cookie'] = cookies;
    out['content-length'] = String(bytes.length);
    response.writeHead(answer.status, out);
    response.end(method === 'HEAD' ? undefined : bytes);
    return;
  }
}

/**
 * One local port in front of the multi-node services: each request goes, by its path, to the
 * service that owns the route (each descriptor's `paths`), so the single-node walk-through works as is.
 * A development convenience on loopback; a real deployment puts its own ingress there.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer((request, response) => {
    forward(options, request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof TooLarge) problem(response, 413, 'GATEWAY.TOO_LARGE', 'request body too large');
      else problem(response, 502, 'GATEWAY.UPSTREAM_FAILED', 'the service did not answer');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
