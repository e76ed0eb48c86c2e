import { context, trace } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { FastifyInstance } from 'fastify';

/**
 * Names the HTTP server span and its metrics by the route template (`/v1/documents/{id}`), never
 * the raw path: ids in paths would make every request its own series, and a path is client input.
 * The http instrumentation reads the route from the request's RPC metadata when it records the
 * request's duration; without a matched route nothing is set (the 404 stays unnamed).
 */
export function nameRoutesInTelemetry(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    const template = request.routeOptions.url;
    if (!template) return;
    const route = template.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const active = context.active();
    const rpc = getRPCMetadata(active);
    if (rpc?.type === RPCType.HTTP) rpc.route = route;
    const span = trace.getSpan(active);
    span?.setAttribute('http.route', route);
    span?.updateName(`${request.method} ${route}`);
  });
}
