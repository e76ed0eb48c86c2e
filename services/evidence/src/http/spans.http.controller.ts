import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { IdSchema, NoQuery, PinSpanBody } from '@ledger/contracts';
import { Ctx, Roles, ZodPipe } from '@ledger/http';
import type { RequestContext } from '@ledger/tenancy';
import type { EvidenceApp } from '../app/evidenceApp';
import { EVIDENCE_APP } from './evidenceAppToken';

@Controller('v1/spans')
export class SpansHttpController {
  constructor(@Inject(EVIDENCE_APP) private readonly app: EvidenceApp) {}

  @Post()
  @Roles('advisor')
  @HttpCode(201)
  pin(@Ctx() ctx: RequestContext, @Body(new ZodPipe(PinSpanBody)) body: PinSpanBody) {
    return this.app.pinSpan(ctx, body);
  }

  @Get(':spanId')
  @Roles('advisor', 'compliance')
  read(
    @Ctx() ctx: RequestContext,
    @Param('spanId', new ZodPipe(IdSchema, 'spanId')) spanId: string,
    @Query(new ZodPipe(NoQuery)) _query: NoQuery,
  ) {
    return this.app.readSpan(ctx, spanId);
  }
}
