import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  BriefPageSchema,
  BriefSchema,
  ComposeBriefBody,
  IdSchema,
  ListBriefsQuery,
  type BriefPageResponse,
  type BriefResponse,
} from '@ledger/contracts';
import { Ctx, Roles, ZodPipe } from '@ledger/http';
import type { RequestContext } from '@ledger/tenancy';
import type { MeetingPrepApp } from '../app/meetingPrepApp';
import { MEETING_PREP_APP } from './tokens';

/**
 * Briefs over HTTP. Responses are parsed with the contract's schema on the way out: a brief
 * without its disclaimer, or a bullet without a citation, is a server fault, never a reply.
 */
@Controller('v1/briefs')
export class BriefsHttpController {
  constructor(@Inject(MEETING_PREP_APP) private readonly app: MeetingPrepApp) {}

  @Post()
  @Roles('advisor')
  @HttpCode(201)
  async compose(
    @Ctx() ctx: RequestContext,
    @Body(new ZodPipe(ComposeBriefBody)) body: ComposeBriefBody,
  ): Promise<BriefResponse> {
    return BriefSchema.parse(await this.app.compose(ctx, body));
  }

  @Get(':briefId')
  @Roles('advisor', 'compliance')
  async get(
    @Ctx() ctx: RequestContext,
    @Param('briefId', new ZodPipe(IdSchema, 'briefId')) briefId: string,
  ): Promise<BriefResponse> {
    return BriefSchema.parse(await this.app.get(ctx, briefId));
  }

  @Get()
  @Roles('advisor', 'compliance')
  async list(
    @Ctx() ctx: RequestContext,
    @Query(new ZodPipe(ListBriefsQuery)) query: ListBriefsQuery,
  ): Promise<BriefPageResponse> {
    return BriefPageSchema.parse(await this.app.list(ctx, query));
  }
}
