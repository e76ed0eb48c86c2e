import { OpenAPIRegistry, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod';
import { COMMON_ERROR_STATUSES, ProblemSchema, VIEW_BEHIND_HEADER } from './common';

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

const VIEW_BEHIND = z.string().openapi({
  description:
    'Present when the write is committed (the ids in the body stand) but a read model had not applied it when it ' +
    'answered, so the next read may not show it: one `<projection>;reason=failed|lagging` item per such read ' +
    'model. `failed`: stopped on a failed event of the org until an operator acts (`GET /v1/audit/projections`); ' +
    '`lagging`: still catching up.',
  example: 'evidence.read_models;reason=failed',
});

type Responses = RouteConfig['responses'];

/** The write's success responses, each documenting the view-behind header beside its own. */
function withViewHeader(responses: Responses): Responses {
  return Object.fromEntries(
    Object.entries(responses).map(([status, response]) => {
      if (!/^2\d\d$/.test(status) || '$ref' in response) return [status, response];
      const { headers } = response;
      if (headers !== undefined && !(headers instanceof z.ZodObject)) {
        throw new Error(`${status}: view-behind routes declare their headers with zod`);
      }
      const header = { [VIEW_BEHIND_HEADER]: VIEW_BEHIND.optional() };
      return [status, { ...response, headers: headers ? headers.extend(header) : z.object(header) }];
    }),
  );
}

/**
 * Registers a route with the problem responses it can give. Routes are bearer-authenticated
 * unless `public` is set.
 */
export function registerRoute(
  registry: OpenAPIRegistry,
  route: RouteConfig & {
    public?: boolean;
    extraErrors?: readonly number[];
    /** A write that answers after its read models apply it, or says in `Ledger-View-Behind` that they have not. */
    readYourWrites?: boolean;
  },
): void {
  const { public: isPublic, extraErrors = [], readYourWrites = false, ...config } = route;
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
    responses: { ...problems, ...(readYourWrites ? withViewHeader(config.responses) : config.responses) },
  });
}
