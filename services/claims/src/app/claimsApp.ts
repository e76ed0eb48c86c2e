import type { RecordHistory } from '@ledger/ledger';
import type { RequestContext } from '@ledger/tenancy';
import { assertClaim } from '../assert-claim/assertClaim.handler';
import { retractClaim } from '../retract-claim/retractClaim.handler';
import { supersedeClaim } from '../supersede-claim/supersedeClaim.handler';
import { getClaim, listClaims } from '../read-claims/readClaims.handler';
import { getClaimAsOf } from '../claim-history/claimAsOf.handler';
import { claimHistory } from '../claim-history/claimHistory.handler';
import type { ClaimsDeps, CommandDeps } from './claimsDeps';
import type {
  AddMentionInput,
  AssertClaimInput,
  CreateEntityInput,
  ListClaimsInput,
  RetractClaimInput,
  RetractMentionInput,
  SupersedeClaimInput,
} from './claimsInputs';
import type {
  ClaimDetailView,
  ClaimList,
  ClaimReceipt,
  EntityReceipt,
  EntityView,
  MentionReceipt,
  SupersedeReceipt,
} from './claimsViews';
import { addMention } from '../add-mention/addMention.handler';
import { createEntity } from '../create-entity/createEntity.handler';
import { retractMention } from '../retract-mention/retractMention.handler';
import { getEntity } from '../read-entity/readEntity.handler';
import { readModelFacts } from './projectionReads';

/** The claims use cases over one set of dependencies; what the HTTP controllers call. */
export class ClaimsApp {
  private readonly commands: CommandDeps;

  constructor(private readonly deps: ClaimsDeps) {
    this.commands = { ...deps, facts: readModelFacts(deps.pool) };
  }

  createEntity(ctx: RequestContext, input: CreateEntityInput): Promise<EntityReceipt> {
    return createEntity(this.commands, ctx, input);
  }

  getEntity(ctx: RequestContext, entityId: string): Promise<EntityView> {
    return getEntity(this.deps, ctx, entityId);
  }

  addMention(ctx: RequestContext, entityId: string, input: AddMentionInput): Promise<MentionReceipt> {
    return addMention(this.commands, ctx, entityId, input);
  }

  retractMention(
    ctx: RequestContext,
    entityId: string,
    mentionId: string,
    input: RetractMentionInput,
  ): Promise<MentionReceipt> {
    return retractMention(this.commands, ctx, entityId, mentionId, input);
  }

  assertClaim(ctx: RequestContext, input: AssertClaimInput): Promise<ClaimReceipt> {
    return assertClaim(this.commands, ctx, input);
  }

  /** The claim now, from the read models; with `asOf`, as it stood then, from its ledger stream. */
  getClaim(ctx: RequestContext, claimId: string, asOf?: Date): Promise<ClaimDetailView> {
    return asOf === undefined ? getClaim(this.deps, ctx, claimId) : getClaimAsOf(this.deps, ctx, claimId, asOf);
  }

  claimHistory(ctx: RequestContext, claimId: string): Promise<RecordHistory> {
    return claimHistory(this.deps, ctx, claimId);
  }

  listClaims(ctx: RequestContext, input: ListClaimsInput): Promise<ClaimList> {
    return listClaims(this.deps, ctx, input);
  }

  supersedeClaim(ctx: RequestContext, claimId: string, input: SupersedeClaimInput): Promise<SupersedeReceipt> {
    return supersedeClaim(this.commands, ctx, claimId, input);
  }

  retractClaim(ctx: RequestContext, claimId: string, input: RetractClaimInput): Promise<ClaimReceipt> {
    return retractClaim(this.commands, ctx, claimId, input);
  }
}
