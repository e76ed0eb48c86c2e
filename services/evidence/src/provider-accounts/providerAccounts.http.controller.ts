import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ChangeProviderAccountStatusBody, IdSchema, NoQuery, RegisterProviderAccountBody } from '@ledger/contracts';
import { Ctx, Roles, ZodPipe } from '@ledger/http';
import type { RequestContext } from '@ledger/tenancy';
import type { EvidenceApp } from '../app/evidenceApp';
import { EVIDENCE_APP } from '../http/evidenceAppToken';

@Controller('v1/provider-accounts')
export class ProviderAccountsHttpController {
  constructor(@Inject(EVIDENCE_APP) private readonly app: EvidenceApp) {}

  @Post()
  @Roles('advisor')
  @HttpCode(201)
  register(
    @Ctx() ctx: RequestContext,
    @Body(new ZodPipe(RegisterProviderAccountBody)) body: RegisterProviderAccountBody,
  ) {
    return this.app.registerProviderAccount(ctx, body);
  }

  @Get()
  @Roles('advisor', 'compliance')
  async list(@Ctx() ctx: RequestContext, @Query(new ZodPipe(NoQuery)) _query: NoQuery) {
    return { accounts: await this.app.listProviderAccounts(ctx) };
  }

  @Patch(':accountId')
  @Roles('advisor')
  changeStatus(
    @Ctx() ctx: RequestContext,
    @Param('accountId', new ZodPipe(IdSchema, 'accountId')) accountId: string,
    @Body(new ZodPipe(ChangeProviderAccountStatusBody)) body: ChangeProviderAccountStatusBody,
  ) {
    return this.app.changeProviderAccountStatus(ctx, accountId, body);
  }
}
