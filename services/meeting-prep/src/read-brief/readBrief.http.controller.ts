import { Controller, Get, Inject, Param } from '@nestjs/common';
import { BriefSchema, IdSchema, type BriefResponse } from '@ledger/contracts';
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
  ): Promise<BriefResponse> {
    return BriefSchema.parse(await this.app.get(ctx, briefId));
  }
}
