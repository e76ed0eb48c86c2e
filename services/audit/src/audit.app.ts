import type { CheckpointComparison, ErasureCertificate, VerificationReport } from '@ledger/ledger';
import type { OrgStatus, RebuildResult } from '@ledger/projections';
import type { HoldListQuery, PlaceHoldBody, ReleaseHoldBody, SetRetentionClassBody } from '@ledger/contracts';
import type { RequestContext } from '@ledger/tenancy';
import type { ExportRequest } from './export/exportRequest';
import type { TrailQuery } from './trail/trailQuery';
import type { AuditDeps } from './audit.deps';
import { exportTrail, type AuditExport } from './export-trail/exportTrail.handler';
import {
  projectionsStatus,
  rebuildProjection,
  resumeProjection,
  skipProjectionEvent,
  type SkipInput,
} from './projection-admin/projectionAdmin.handler';
import { queryTrail, type TrailPage } from './query-trail/queryTrail.handler';
import { verifyLedger } from './verify-ledger/verifyLedger.handler';
import { ErasureApp, type AppliedErasure } from './erasure/erasureApp';
import type { ErasureView } from './erasure/erasureView';
import * as compliance from './compliance/compliance.handler';

/** The audit service's use cases over one set of dependencies: what the controllers call. */
export class AuditApp {
  private readonly erasures: ErasureApp;

  constructor(private readonly deps: AuditDeps) {
    this.erasures = new ErasureApp(deps);
  }

  requestErasure(ctx: RequestContext, body: { entityId: string }): Promise<ErasureView> {
    return this.erasures.request(ctx, body);
  }

  erasure(ctx: RequestContext, requestId: string): Promise<ErasureView> {
    return this.erasures.view(ctx, requestId);
  }

  erasureCertificates(ctx: RequestContext, requestId: string): Promise<ErasureCertificate[]> {
    return this.erasures.certificates(ctx, requestId);
  }

  applyDueErasures(ctx: RequestContext): Promise<AppliedErasure[]> {
    return this.erasures.applyDue(ctx);
  }

  trail(ctx: RequestContext, query: TrailQuery): Promise<TrailPage> {
    return queryTrail(this.deps, ctx, query);
  }

  exportTrail(ctx: RequestContext, request: ExportRequest): Promise<AuditExport> {
    return exportTrail(this.deps, ctx, request);
  }

  /**
   * The start-up check: every org with a published head is compared with the database, and
   * those it contradicts (a restore to before the head, or a fork) are refused until reconciled.
   */
  checkPublishedHeads(): Promise<CheckpointComparison[]> {
    return this.deps.treeHeads.checkAll();
  }

  verify(ctx: RequestContext): Promise<VerificationReport> {
    return verifyLedger(this.deps, ctx);
  }

  projections(ctx: RequestContext): Promise<OrgStatus[]> {
    return projectionsStatus(this.deps, ctx);
  }

  rebuildProjection(ctx: RequestContext, name: string): Promise<RebuildResult> {
    return rebuildProjection(this.deps, ctx, name);
  }

  resumeProjection(ctx: RequestContext, name: string): Promise<{ retrySeq: number }> {
    return resumeProjection(this.deps, ctx, name);
  }

  skipProjectionEvent(
    ctx: RequestContext,
    name: string,
    input: SkipInput,
  ): Promise<{ skippedSeq: number; skippedEventId: string | null }> {
    return skipProjectionEvent(this.deps, ctx, name, input);
  }

  setRetentionClass(
    ctx: RequestContext,
    category: string,
    body: SetRetentionClassBody,
  ): Promise<compliance.RetentionClassView> {
    return compliance.setRetentionClass(this.deps, ctx, category, body);
  }

  retentionClasses(ctx: RequestContext): Promise<compliance.RetentionClassView[]> {
    return compliance.retentionClasses(this.deps, ctx);
  }

  placeHold(ctx: RequestContext, body: PlaceHoldBody): Promise<compliance.LegalHoldView> {
    return compliance.placeHold(this.deps, ctx, body);
  }

  releaseHold(ctx: RequestContext, holdId: string, body: ReleaseHoldBody): Promise<compliance.LegalHoldView> {
    return compliance.releaseHold(this.deps, ctx, holdId, body);
  }

  holds(
    ctx: RequestContext,
    includeReleased: NonNullable<HoldListQuery['includeReleased']>,
  ): Promise<compliance.LegalHoldView[]> {
    return compliance.holds(this.deps, ctx, includeReleased);
  }

  hold(ctx: RequestContext, holdId: string): Promise<compliance.LegalHoldView> {
    return compliance.hold(this.deps, ctx, holdId);
  }
}
