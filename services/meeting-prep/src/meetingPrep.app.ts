import type { RecordHistory } from '@ledger/ledger';
import { requireRole, type RequestContext } from '@ledger/tenancy';
import { DEFAULT_BRIEF_OPTIONS, type BriefOptions } from './compose/briefInput';
import type { BriefView } from './record/briefView';
import { composeAndRecord } from './compose-brief/composeBrief.handler';
import type { ComposeBriefInput } from './compose-brief/composeInput';
import { listBriefs, type BriefPage, type ListBriefsInput } from './list-briefs/listBriefs.handler';
import type { MeetingPrepDeps, MeetingPrepOptions } from './meetingPrep.deps';
import { readBrief } from './read-brief/readBrief.handler';
import { briefHistory } from './read-brief/briefHistory.handler';

/**
 * The meeting-prep use cases. Roles are checked here as well as on the routes, so a caller that
 * is not HTTP gets the same rule: advisors compose; advisors and compliance read.
 */
export class MeetingPrepApp {
  private readonly options: BriefOptions;
  private readonly now: () => Date;

  constructor(
    private readonly deps: MeetingPrepDeps,
    options: MeetingPrepOptions = {},
  ) {
    this.options = { ...DEFAULT_BRIEF_OPTIONS, ...options.brief };
    this.now = options.now ?? (() => new Date());
  }

  async compose(ctx: RequestContext, input: ComposeBriefInput): Promise<BriefView> {
    requireRole(ctx, ['advisor']);
    return composeAndRecord(this.deps, ctx, input, this.options);
  }

  async get(ctx: RequestContext, briefId: string, asOf?: Date): Promise<BriefView> {
    requireRole(ctx, ['advisor', 'compliance']);
    return readBrief(this.deps, ctx, briefId, this.now, asOf);
  }

  async history(ctx: RequestContext, briefId: string): Promise<RecordHistory> {
    requireRole(ctx, ['advisor', 'compliance']);
    return briefHistory(this.deps, ctx, briefId);
  }

  async list(ctx: RequestContext, input: ListBriefsInput): Promise<BriefPage> {
    requireRole(ctx, ['advisor', 'compliance']);
    return listBriefs(this.deps.pool, ctx, input);
  }
}
