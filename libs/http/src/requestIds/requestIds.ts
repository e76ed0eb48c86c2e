import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The request id: the caller's `x-request-id` when it is a plain id, else a new UUID. It is
 * also set on the raw request so that the HTTP logger and Fastify agree on it.
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = header(request, 'x-request-id');
  const id = given !== undefined && ID.test(given) ? given : randomUUID();
  (request as IncomingMessage & { id?: string }).id = id;
  return id;
}

/** The correlation id a caller passes along a chain of requests; the request id when absent. */
export function correlationIdOf(request: IncomingMessage, requestId: string): string {
  const given = header(request, 'x-correlation-id');
  return given !== undefined && ID.test(given) ? given : requestId;
}

export function traceparentOf(request: IncomingMessage): string | undefined {
  const given = header(request, 'traceparent');
  return given !== undefined && TRACEPARENT.test(given) ? given : undefined;
}
