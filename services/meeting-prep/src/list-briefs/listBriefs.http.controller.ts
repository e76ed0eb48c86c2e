import { Controller, Get, Inject, Query } from '@nestjs/common';
import { BriefPageSchema, ListBriefsQuery, type BriefPageResponse } from '@ledger/contracts';
import { Ctx, Roles, ZodPipe } from '@ledger/http';
import type { RequestContext } from '@ledger/tenancy';
import { MEETING_PREP_APP } from '../http/tokens';
import type { MeetingPrepApp } from '../meetingPrep.app';

/** Listing a subject's briefs over HTTP: summaries only, parsed with the contract's schema. */
@Controller('v1/briefs')
export class ListBriefsHttpController {
  constructor(@Inject(MEETING_PREP_APP) private readonly app: MeetingPrepApp) {}

  @Get()
  @Roles('advisor', 'compliance')
  async list(
    @Ctx() ctx: RequestContext,
    @Query(new ZodPipe(ListBriefsQuery)) query: ListBriefsQuery,
  ): Promise<BriefPageResponse> {
    return BriefPageSchema.parse(await this.app.list(ctx, query));
  }
}
