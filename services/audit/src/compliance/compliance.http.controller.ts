import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import {
  HoldIdParams,
  HoldListQuery,
  PlaceHoldBody,
  ReleaseHoldBody,
  RetentionCategoryParams,
  SetRetentionClassBody,
} from '@ledger/contracts';
import { Ctx, Roles, ZodPipe } from '@ledger/http';
import type { RequestContext } from '@ledger/tenancy';
import type { AuditApp } from '../audit.app';
import { AUDIT_APP } from '../http/tokens';
import type { LegalHoldView, RetentionClassView } from './compliance.handler';

const categoryParam = new ZodPipe(RetentionCategoryParams.shape.category, 'category');
const holdIdParam = new ZodPipe(HoldIdParams.shape.holdId, 'holdId');

/** Retention classes and legal holds: the compliance role only; every change is a ledger event. */
@Controller('v1/audit')
export class ComplianceHttpController {
  constructor(@Inject(AUDIT_APP) private readonly app: AuditApp) {}

  @Put('retention/classes/:category')
  @Roles('compliance')
  @HttpCode(200)
  setClass(
    @Ctx() ctx: RequestContext,
    @Param('category', categoryParam) category: string,
    @Body(new ZodPipe(SetRetentionClassBody)) body: SetRetentionClassBody,
  ): Promise<RetentionClassView> {
    return this.app.setRetentionClass(ctx, category, body);
  }

  @Get('retention/classes')
  @Roles('compliance')
  async classes(@Ctx() ctx: RequestContext): Promise<{ items: RetentionClassView[] }> {
    return { items: await this.app.retentionClasses(ctx) };
  }

  @Post('holds')
  @Roles('compliance')
  @HttpCode(201)
  place(@Ctx() ctx: RequestContext, @Body(new ZodPipe(PlaceHoldBody)) body: PlaceHoldBody): Promise<LegalHoldView> {
    return this.app.placeHold(ctx, body);
  }

  @Get('holds')
  @Roles('compliance')
  async list(
    @Ctx() ctx: RequestContext,
    @Query(new ZodPipe(HoldListQuery)) query: HoldListQuery,
  ): Promise<{ items: LegalHoldView[] }> {
    return { items: await this.app.holds(ctx, query.includeReleased ?? false) };
  }

  @Get('holds/:holdId')
  @Roles('compliance')
  get(@Ctx() ctx: RequestContext, @Param('holdId', holdIdParam) holdId: string): Promise<LegalHoldView> {
    return this.app.hold(ctx, holdId);
  }

  @Delete('holds/:holdId')
  @Roles('compliance')
  @HttpCode(200)
  release(
    @Ctx() ctx: RequestContext,
    @Param('holdId', holdIdParam) holdId: string,
    @Body(new ZodPipe(ReleaseHoldBody)) body: ReleaseHoldBody,
  ): Promise<LegalHoldView> {
    return this.app.releaseHold(ctx, holdId, body);
  }
}
