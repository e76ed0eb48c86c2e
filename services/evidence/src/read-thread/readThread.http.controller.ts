import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { NoQuery, ThreadIdParam } from '@ledger/contracts';
import { Ctx, Roles, ZodPipe } from '@ledger/http';
import type { RequestContext } from '@ledger/tenancy';
import type { EvidenceApp } from '../app/evidenceApp';
import { EVIDENCE_APP } from '../http/evidenceAppToken';

@Controller('v1/threads')
export class ThreadsHttpController {
  constructor(@Inject(EVIDENCE_APP) private readonly app: EvidenceApp) {}

  @Get(':threadId')
  @Roles('advisor', 'compliance')
  read(
    @Ctx() ctx: RequestContext,
    @Param('threadId', new ZodPipe(ThreadIdParam, 'threadId')) threadId: string,
    @Query(new ZodPipe(NoQuery)) _query: NoQuery,
  ) {
    return this.app.readThread(ctx, threadId);
  }
}
