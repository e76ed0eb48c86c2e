import { Controller, Get, Inject, Query } from '@nestjs/common';
import { AuditTrailQuery } from '@ledger/contracts';
import { Ctx, Roles, ZodPipe } from '@ledger/http';
import type { RequestContext } from '@ledger/tenancy';
import type { AuditApp } from '../audit.app';
import type { TrailPage } from './queryTrail.handler';
import { AUDIT_APP } from '../http/tokens';

@Controller('v1/audit/events')
export class AuditTrailHttpController {
  constructor(@Inject(AUDIT_APP) private readonly app: AuditApp) {}

  @Get()
  @Roles('compliance', 'operator')
  list(@Ctx() ctx: RequestContext, @Query(new ZodPipe(AuditTrailQuery)) query: AuditTrailQuery): Promise<TrailPage> {
    return this.app.trail(ctx, query);
  }
}
