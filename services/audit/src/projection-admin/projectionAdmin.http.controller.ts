import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ProjectionNameParams, SkipFailedEventBody } from '@ledger/contracts';
import { Ctx, Roles, ZodPipe } from '@ledger/http';
import type { OrgStatus, RebuildResult } from '@ledger/projections';
import type { RequestContext } from '@ledger/tenancy';
import type { AuditApp } from '../audit.app';
import { AUDIT_APP } from '../http/tokens';

const nameParam = new ZodPipe(ProjectionNameParams.shape.name, 'name');

/** On-call operators drive one org's projections here; every action is audited in the ledger. */
@Controller('v1/audit/projections')
export class ProjectionAdminHttpController {
  constructor(@Inject(AUDIT_APP) private readonly app: AuditApp) {}

  @Get()
  @Roles('operator')
  async status(@Ctx() ctx: RequestContext): Promise<{ items: OrgStatus[] }> {
    return { items: await this.app.projections(ctx) };
  }

  @Post(':name/rebuild')
  @Roles('operator')
  @HttpCode(200)
  rebuild(@Ctx() ctx: RequestContext, @Param('name', nameParam) name: string): Promise<RebuildResult> {
    return this.app.rebuildProjection(ctx, name);
  }

  @Post(':name/resume')
  @Roles('operator')
  @HttpCode(200)
  resume(@Ctx() ctx: RequestContext, @Param('name', nameParam) name: string): Promise<{ retrySeq: number }> {
    return this.app.resumeProjection(ctx, name);
  }

  @Post(':name/skip')
  @Roles('operator')
  @HttpCode(200)
  skip(
    @Ctx() ctx: RequestContext,
    @Param('name', nameParam) name: string,
    @Body(new ZodPipe(SkipFailedEventBody)) body: SkipFailedEventBody,
  ): Promise<{ skippedSeq: number; skippedEventId: string | null }> {
    return this.app.skipProjectionEvent(ctx, name, body);
  }
}
