import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  AsOfQuery,
  AssertClaimBody,
  IdSchema,
  NoQuery,
  ListClaimsQuery,
  RetractClaimBody,
  SupersedeClaimBody,
} from '@ledger/contracts';
import { Ctx, Roles, ZodPipe } from '@ledger/http';
import type { RequestContext } from '@ledger/tenancy';
import type { ClaimsApp } from '../app/claimsApp';
import { CLAIMS_APP } from './claimsAppToken';

@Controller('v1/claims')
export class ClaimsHttpController {
  constructor(@Inject(CLAIMS_APP) private readonly app: ClaimsApp) {}

  @Post()
  @Roles('advisor')
  @HttpCode(201)
  assert(@Ctx() ctx: RequestContext, @Body(new ZodPipe(AssertClaimBody)) body: AssertClaimBody) {
    return this.app.assertClaim(ctx, body);
  }

  @Get()
  @Roles('advisor', 'compliance')
  list(@Ctx() ctx: RequestContext, @Query(new ZodPipe(ListClaimsQuery)) query: ListClaimsQuery) {
    return this.app.listClaims(ctx, query);
  }

  @Get(':claimId')
  @Roles('advisor', 'compliance')
  get(
    @Ctx() ctx: RequestContext,
    @Param('claimId', new ZodPipe(IdSchema, 'claimId')) claimId: string,
    @Query(new ZodPipe(AsOfQuery)) query: AsOfQuery,
  ) {
    return this.app.getClaim(ctx, claimId, query.asOf === undefined ? undefined : new Date(query.asOf));
  }

  @Get(':claimId/history')
  @Roles('advisor', 'compliance')
  history(
    @Ctx() ctx: RequestContext,
    @Param('claimId', new ZodPipe(IdSchema, 'claimId')) claimId: string,
    @Query(new ZodPipe(NoQuery)) _query: NoQuery,
  ) {
    return this.app.claimHistory(ctx, claimId);
  }

  @Post(':claimId/supersede')
  @Roles('advisor')
  @HttpCode(201)
  supersede(
    @Ctx() ctx: RequestContext,
    @Param('claimId', new ZodPipe(IdSchema, 'claimId')) claimId: string,
    @Body(new ZodPipe(SupersedeClaimBody)) body: SupersedeClaimBody,
  ) {
    return this.app.supersedeClaim(ctx, claimId, body);
  }

  @Post(':claimId/retract')
  @Roles('advisor')
  @HttpCode(200)
  retract(
    @Ctx() ctx: RequestContext,
    @Param('claimId', new ZodPipe(IdSchema, 'claimId')) claimId: string,
    @Body(new ZodPipe(RetractClaimBody)) body: RetractClaimBody,
  ) {
    return this.app.retractClaim(ctx, claimId, body);
  }
}
