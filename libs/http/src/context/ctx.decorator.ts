import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RequestContext } from '@ledger/tenancy';
import type { LedgerRequest } from './requestState';

/** The verified request context: org, role and actor from the token, plus the request's ids. */
export const Ctx = createParamDecorator((_data: unknown, execution: ExecutionContext): RequestContext => {
  const context = execution.switchToHttp().getRequest<LedgerRequest>().ledgerContext;
  // The guard sets it on every non-public route; a public route asking for it is a wiring bug.
  if (!context) throw new Error('@Ctx() used on a route without authentication');
  return context;
});
