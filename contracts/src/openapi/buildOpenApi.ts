import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod';
import { registerRoute, type Registrar } from '../http/registry';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const HealthSchema = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.record(z.unknown()).optional() });

function registerPlatformRoutes(registry: OpenAPIRegistry): void {
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A JWT naming one org (`org`), one role (`role`: advisor, compliance, operator) and the actor (`sub`).',
  });
  registerRoute(registry, {
    method: 'get',
    path: '/health/live',
    summary: 'Liveness: the process is up',
    public: true,
    responses: { 200: { description: 'Up', content: { 'application/json': { schema: HealthSchema } } } },
  });
  registerRoute(registry, {
    method: 'get',
    path: '/health/ready',
    summary:
      "Readiness of this process: the database answers and its workers go round (one org's failed projection does not count)",
    public: true,
    responses: {
      200: { description: 'Ready', content: { 'application/json': { schema: HealthSchema } } },
      503: { description: 'Not ready', content: { 'application/json': { schema: HealthSchema } } },
    },
  });
}

/** The OpenAPI 3.1 document of the given services' routes, plus health; stable key order for diffing. */
export function buildOpenApi(registrars: readonly Registrar[]): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registerPlatformRoutes(registry);
  for (const register of registrars) register(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Ledger API',
      version: '1.0.0',
      description:
        'Evidence, claims, meeting prep and audit over an append-only, tamper-evident ledger. Every route but health and docs needs a bearer token; errors are application/problem+json (RFC 9457). ' +
        'No string anywhere in a body, path or query may contain NUL (U+0000) or an unpaired UTF-16 surrogate: such a request is a 422 naming the field (`errors[].field`), and nothing is written. Ids a provider supplies (messageId, threadId, historyId) follow the `ProviderId` pattern given on each field.',
    },
    servers: [{ url: '/' }],
  });
}
