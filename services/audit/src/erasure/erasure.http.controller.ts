import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CreateErasureBody, ErasureRequestParams } from '@ledger/contracts';
import { Ctx, Roles, ZodPipe } from '@ledger/http';
import type { ErasureCertificate } from '@ledger/ledger';
import type { RequestContext } from '@ledger/tenancy';
import type { AuditApp } from '../audit.app';
import { AUDIT_APP } from '../http/tokens';
import type { AppliedErasure } from './erasureApp';
import type { ErasureView } from './erasureView';

const requestIdParam = new ZodPipe(ErasureRequestParams.shape.requestId, 'requestId');

/** Right-to-erasure requests and their certificates: the compliance role only. */
@Controller('v1/audit/erasures')
export class ErasureHttpController {
  constructor(@Inject(AUDIT_APP) private readonly app: AuditApp) {}

  @Post()
  @Roles('compliance')
  @HttpCode(201)
  request(
    @Ctx() ctx: RequestContext,
    @Body(new ZodPipe(CreateErasureBody)) body: CreateErasureBody,
  ): Promise<ErasureView> {
    return this.app.requestErasure(ctx, body);
  }

  @Post('apply-due')
  @Roles('compliance')
  @HttpCode(200)
  async applyDue(@Ctx() ctx: RequestContext): Promise<{ items: AppliedErasure[] }> {
    return { items: await this.app.applyDueErasures(ctx) };
  }

  @Get(':requestId')
  @Roles('compliance')
  erasure(@Ctx() ctx: RequestContext, @Param('requestId', requestIdParam) requestId: string): Promise<ErasureView> {
    return this.app.erasure(ctx, requestId);
  }

  @Get(':requestId/certificates')
  @Roles('compliance')
  async certificates(
    @Ctx() ctx: RequestContext,
    @Param('requestId', requestIdParam) requestId: string,
  ): Promise<{ items: ErasureCertificate[] }> {
    return { items: await this.app.erasureCertificates(ctx, requestId) };
  }
}
