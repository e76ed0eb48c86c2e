import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '@ledger/tenancy';

/** What the guard leaves on the request for handlers and for the access log. */
export interface LedgerRequest extends FastifyRequest {
  ledgerContext?: RequestContext;
}
