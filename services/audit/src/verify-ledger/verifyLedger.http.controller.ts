import { Controller, Get, Inject } from '@nestjs/common';
import type { VerificationReport } from '@ledger/ledger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/tenancy';
import type { AuditApp } from '../audit.app';
import { AUDIT_APP } from '../http/tokens';

@Controller('v1/audit/verify')
export class AuditVerifyHttpController {
  constructor(@Inject(AUDIT_APP) private readonly app: AuditApp) {}

  @Get()
  @Roles('compliance', 'operator')
  verify(@Ctx() ctx: RequestContext): Promise<VerificationReport> {
    return this.app.verify(ctx);
  }
}
