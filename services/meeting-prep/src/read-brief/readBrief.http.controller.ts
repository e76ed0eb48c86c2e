import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import {
  AsOfQuery,
  BriefSchema,
  IdSchema,
  NoQuery,
  RecordHistorySchema,
  type BriefResponse,
  type RecordHistoryResponse,
} from '@ledger/contracts';
import { Ctx, Roles, ZodPipe } from '@ledger/http';
import type { RequestContext } from '@ledger/tenancy';
import { MEETING_PREP_APP } from '../http/tokens';
import type { MeetingPrepApp } from '../meetingPrep.app';

/** Reading one recorded brief over HTTP, parsed with the contract's schema on the way out. */
@Controller('v1/briefs')
export class ReadBriefHttpController {
  constructor(@Inject(MEETING_PREP_APP) private readonly app: MeetingPrepApp) {}

  @Get(':briefId')
  @Roles('advisor', 'compliance')
  async get(
    @Ctx() ctx: RequestContext,
    @Param('briefId', new ZodPipe(IdSchema, 'briefId')) briefId: string,
    @Query(new ZodPipe(AsOfQuery)) query: AsOfQuery,
  ): Promise<BriefResponse> {
    const asOf = query.asOf === undefined ? undefined : new Date(query.asOf);
    return BriefSchema.parse(await this.app.get(ctx, briefId, asOf));
  }

  @Get(':briefId/history')
  @Roles('advisor', 'compliance')
  async history(
    @Ctx() ctx: RequestContext,
    @Param('briefId', new ZodPipe(IdSchema, 'briefId')) briefId: string,
    @Query(new ZodPipe(NoQuery)) _query: NoQuery,
  ): Promise<RecordHistoryResponse> {
    return RecordHistorySchema.parse(await this.app.history(ctx, briefId));
  }
}
