import {
  ProjectionError,
  projectionStatus,
  rebuildOrg,
  resumeOrg,
  skipFailedEvent,
  type OrgStatus,
  type ProjectionDefinition,
  type RebuildResult,
} from '@ledger/projections';
import type { RequestContext } from '@ledger/tenancy';
import { auditError } from '../auditError';
import { MAX_REASON_LENGTH } from '../validation';
import type { AuditDeps } from '../audit.deps';

type AdminDeps = Pick<AuditDeps, 'pool' | 'ledger' | 'projections'>;

/**
 * Thin wrappers over the projections library's admin functions for on-call operators, always
 * on the token's org only. Library errors become audit errors with HTTP-shaped codes.
 */

/** Where each projection stands for the org (status, checkpoint, lag, failure, running rebuild). */
export async function projectionsStatus(deps: AdminDeps, ctx: RequestContext): Promise<OrgStatus[]> {
  const statuses: OrgStatus[] = [];
  for (const definition of sorted(deps.projections)) {
    statuses.push(...(await projectionStatus(deps.pool, definition, ctx.orgId)));
  }
  return statuses;
}

/** Rebuilds one projection for the org into a new generation and switches to it; audited by the library. */
export async function rebuildProjection(deps: AdminDeps, ctx: RequestContext, name: string): Promise<RebuildResult> {
  const definition = projectionNamed(deps, name);
  return translate(() => rebuildOrg(deps, definition, ctx.orgId, { actor: ctx.actor }));
}

/** Retries the org's failing event (after a fix, or when the cause was transient). */
export async function resumeProjection(
  deps: AdminDeps,
  ctx: RequestContext,
  name: string,
): Promise<{ retrySeq: number }> {
  const definition = projectionNamed(deps, name);
  return translate(() => resumeOrg(deps, definition, ctx.orgId, ctx.actor));
}

export interface SkipInput {
  reason: string;
  /** The failing event's org_seq as the operator saw it; refused when it no longer is. */
  expectedSeq?: number;
}

/** Moves past the org's failing event, recording who and why in the ledger. */
export async function skipProjectionEvent(
  deps: AdminDeps,
  ctx: RequestContext,
  name: string,
  input: SkipInput,
): Promise<{ skippedSeq: number; skippedEventId: string | null }> {
  const definition = projectionNamed(deps, name);
  const reason = input.reason.trim();
  if (reason.length === 0) throw auditError('AUDIT.REASON_REQUIRED', 'reason', 'is required: why the event is skipped');
  if (reason.length > MAX_REASON_LENGTH) {
    throw auditError('AUDIT.INVALID_FIELD', 'reason', `must be at most ${MAX_REASON_LENGTH} characters`);
  }
  return translate(() =>
    skipFailedEvent(deps, definition, ctx.orgId, { actor: ctx.actor, reason, expectedSeq: input.expectedSeq }),
  );
}

function projectionNamed(deps: AdminDeps, name: string): ProjectionDefinition {
  const definition = deps.projections.find((candidate) => candidate.name === name);
  if (!definition) throw auditError('AUDIT.PROJECTION_NOT_FOUND', 'name', 'must name a projection of this service set');
  return definition;
}

function sorted(definitions: readonly ProjectionDefinition[]): ProjectionDefinition[] {
  return [...definitions].sort((a, b) => a.name.localeCompare(b.name));
}

async function translate<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ProjectionError)) throw error;
    switch (error.code) {
      case 'PROJECTIONS.REBUILD_IN_PROGRESS':
        throw auditError('AUDIT.ALREADY_REBUILDING', 'name', 'a rebuild of this projection for the org is running');
      case 'PROJECTIONS.NOT_FAILED':
        throw auditError('AUDIT.ALREADY_RUNNING', 'name', 'the projection is not failed for the org');
      case 'PROJECTIONS.SEQ_MISMATCH':
        throw auditError('AUDIT.FAILED_SEQ_CONFLICT', 'expectedSeq', 'is not the failing event of the org');
      case 'PROJECTIONS.REASON_REQUIRED':
        throw auditError('AUDIT.REASON_REQUIRED', 'reason', 'is required');
      default:
        throw error;
    }
  }
}
