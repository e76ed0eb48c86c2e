import { OpenAPIRegistry, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { COMMON_ERROR_STATUSES, ProblemSchema } from './common';

export type Registrar = (registry: OpenAPIRegistry) => void;

const STATUS_TEXT: Record<number, string> = {
  400: 'Malformed request (not JSON, a bad URL encoding, not HTTP)',
  401: 'Missing, invalid or expired bearer token',
  403: 'The token’s role may not call this route',
  404: 'Not found in the token’s org',
  409: 'Conflict: the expected revision did not hold, or the id is taken',
  413: 'Body too large',
  414: 'A path segment is too long',
  422: 'Validation failed (including NUL or an unpaired surrogate in any string): see errors[].field and errors[].rule',
  431: 'Request headers too large',
  500: 'Internal error (no details)',
};

/** RFC 6750's challenge on every 401. */
const BEARER_CHALLENGE = {
  description:
    'RFC 6750 challenge: `Bearer realm="ledger"`; when a token was given and refused, also ' +
    '`error="invalid_token"` and `error_description` naming the failed check (never the token).',
  schema: {
    type: 'string' as const,
    example: 'Bearer realm="ledger", error="invalid_token", error_description="token expired"',
  },
};

/**
 * Registers a route with the problem responses it can give. Routes are bearer-authenticated
 * unless `public` is set.
 */
export function registerRoute(
  registry: OpenAPIRegistry,
  route: RouteConfig & { public?: boolean; extraErrors?: readonly number[] },
): void {
  const { public: isPublic, extraErrors = [], ...config } = route;
  const statuses = isPublic ? [500] : [...COMMON_ERROR_STATUSES, ...extraErrors];
  const problems = Object.fromEntries(
    [...new Set(statuses)].map((status) => [
      status,
      {
        description: STATUS_TEXT[status],
        ...(status === 401 ? { headers: { 'WWW-Authenticate': BEARER_CHALLENGE } } : {}),
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  );
  registry.registerPath({
    ...config,
    security: isPublic ? [] : [{ bearer: [] }],
    responses: { ...problems, ...config.responses },
  });
}
