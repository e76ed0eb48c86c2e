import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { runInOrg } from '@ledger/postgres';
import type { LedgerRequest } from '../context/requestState';

/**
 * Runs each authenticated handler in its token's org: every connection the request pool hands
 * out inside it has `app.org_id` set to that org, so row-level security shows the request its
 * org's rows alone whatever the query's filter. The handler is subscribed inside `runInOrg`, so
 * all of its work, awaited or not, carries the org. Public routes (health, docs) carry none and
 * see no org's rows.
 */
@Injectable()
export class OrgScopeInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const orgId = execution.switchToHttp().getRequest<LedgerRequest>().ledgerContext?.orgId;
    if (orgId === undefined) return next.handle();
    return new Observable((subscriber) => runInOrg(orgId, () => next.handle().subscribe(subscriber)));
  }
}
