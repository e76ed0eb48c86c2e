import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { BriefSchema, ComposeBriefBody, type BriefResponse } from '@ledger/contracts';
import { Ctx, Roles, ZodPipe } from '@ledger/http';
import type { RequestContext } from '@ledger/tenancy';
import { MEETING_PREP_APP } from '../http/tokens';
import type { MeetingPrepApp } from '../meetingPrep.app';

/**
 * Composing a brief over HTTP. The response is parsed with the contract's schema on the way out:
 * a brief without its disclaimer, or a bullet without a citation, is a server fault, never a reply.
 */
@Controller('v1/briefs')
export class ComposeBriefHttpController {
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
}
