import type {
  HoldScope as HoldScopeBody,
  PlaceHoldBody,
  ReleaseHoldBody,
  SetRetentionClassBody,
} from '@ledger/contracts';
import type { HoldScope, LegalHold, RetentionClass } from '@ledger/ledger';
import type { RequestContext } from '@ledger/tenancy';
import type { AuditDeps } from '../audit.deps';

type ComplianceDeps = Pick<AuditDeps, 'retention'>;

export interface RetentionClassView {
  category: string;
  regulation: string;
  durationMonths: number;
  setAt: string;
  setEventId: string;
}

export interface LegalHoldView {
  holdId: string;
  scope: HoldScopeBody;
  placedAt: string;
  placedBy: string;
  releasedAt: string | null;
  releasedBy: string | null;
}

/**
 * Retention classes and legal holds of the token's org, for the compliance role. The rules, the
 * events and the locking are the ledger library's (`Retention`); this maps HTTP shapes only.
 */
export async function setRetentionClass(
  deps: ComplianceDeps,
  ctx: RequestContext,
  category: string,
  body: SetRetentionClassBody,
): Promise<RetentionClassView> {
  const set = await deps.retention.setClass(ctx.orgId, { category, ...body, actor: ctx.actor });
  return classView(set);
}

export async function retentionClasses(deps: ComplianceDeps, ctx: RequestContext): Promise<RetentionClassView[]> {
  return (await deps.retention.classes(ctx.orgId)).map(classView);
}

export async function placeHold(
  deps: ComplianceDeps,
  ctx: RequestContext,
  body: PlaceHoldBody,
): Promise<LegalHoldView> {
  const hold = await deps.retention.placeHold(ctx.orgId, {
    scope: scopeOf(body.scope),
    reason: body.reason,
    actor: ctx.actor,
  });
  return holdView(hold);
}

export async function releaseHold(
  deps: ComplianceDeps,
  ctx: RequestContext,
  holdId: string,
  body: ReleaseHoldBody,
): Promise<LegalHoldView> {
  return holdView(await deps.retention.releaseHold(ctx.orgId, holdId, { reason: body.reason, actor: ctx.actor }));
}

export async function holds(
  deps: ComplianceDeps,
  ctx: RequestContext,
  includeReleased: boolean,
): Promise<LegalHoldView[]> {
  return (await deps.retention.holds(ctx.orgId, { includeReleased })).map(holdView);
}

export async function hold(deps: ComplianceDeps, ctx: RequestContext, holdId: string): Promise<LegalHoldView> {
  return holdView(await deps.retention.hold(ctx.orgId, holdId));
}

function scopeOf(scope: HoldScopeBody): HoldScope {
  return scope.kind === 'time-range'
    ? { kind: 'time-range', from: new Date(scope.from), to: new Date(scope.to) }
    : scope;
}

function classView(set: RetentionClass): RetentionClassView {
  return {
    category: set.category,
    regulation: set.regulation,
    durationMonths: set.durationMonths,
    setAt: set.setAt.toISOString(),
    setEventId: set.setEventId,
  };
}

function holdView(hold: LegalHold): LegalHoldView {
  const scope: HoldScopeBody =
    hold.scope.kind === 'time-range'
      ? { kind: 'time-range', from: hold.scope.from.toISOString(), to: hold.scope.to.toISOString() }
      : hold.scope;
  return {
    holdId: hold.holdId,
    scope,
    placedAt: hold.placedAt.toISOString(),
    placedBy: hold.placedBy,
    releasedAt: hold.releasedAt?.toISOString() ?? null,
    releasedBy: hold.releasedBy,
  };
}
