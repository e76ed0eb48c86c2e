import { Controller, Get, Inject, Query } from '@nestjs/common';
import { EvidenceListQuery } from '@ledger/contracts';
import { Ctx, Roles, ZodPipe } from '@ledger/http';
import type { RequestContext } from '@ledger/tenancy';
import type { EvidenceApp } from '../app/evidenceApp';
import { EVIDENCE_APP } from '../http/evidenceAppToken';

@Controller('v1/evidence')
export class EvidenceHttpController {
  constructor(@Inject(EVIDENCE_APP) private readonly app: EvidenceApp) {}

  /** Evidence.List (C-02): the filter rule (exactly one) is the use case's, so its 422 names the filter. */
  @Get()
  @Roles('advisor', 'compliance')
  list(@Ctx() ctx: RequestContext, @Query(new ZodPipe(EvidenceListQuery)) query: EvidenceListQuery) {
    const { limit, cursor, ...filters } = query;
    const input: Parameters<EvidenceApp['listEvidence']>[1] = { limit };
    for (const [field, id] of Object.entries(filters)) if (id !== undefined) Object.assign(input, { [field]: id });
    if (cursor !== undefined) input.cursor = cursor;
    return this.app.listEvidence(ctx, input);
  }
}
