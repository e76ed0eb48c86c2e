import { inTransaction } from '@ledger/postgres';
import type { Pool } from 'pg';
import { skippedEvents, type Ledger } from '@ledger/ledger';
import type { ProjectionDefinition } from '../definition/projectionDefinition';
import { ProjectionError } from '../errors/projectionError';
import { appendProjectionAudit, PROJECTION_SKIPPED_VERSION } from '../audit/projectionAudit';
import { lockState, markRunning, writeCheckpoint, type ProjectionState } from '../store/stateStore';

export interface AdminDeps {
  pool: Pool;
  ledger: Ledger;
}

function assertFailed(state: ProjectionState): asserts state is ProjectionState & { failedSeq: number } {
  if (state.status !== 'failed' || state.failedSeq === null) {
    throw new ProjectionError('PROJECTIONS.NOT_FAILED', `${state.projection} for ${state.orgId} is not failed`);
  }
}

/**
 * Marks a failed org running again, so the runner retries the failing event (after a fix was
 * deployed, or when the cause was transient). Audited in the same transaction.
 */
export async function resumeOrg(
  deps: AdminDeps,
  definition: ProjectionDefinition,
  orgId: string,
  actor: string,
): Promise<{ retrySeq: number }> {
  return inTransaction(deps.pool, async (client) => {
    // The audit append must be the transaction's first write; a refusal below rolls it back.
    await appendProjectionAudit(
      deps.ledger,
      orgId,
      'ProjectionResumed',
      actor,
      { projection: definition.name, orgId },
      client,
    );
    const state = await lockState(client, definition.name, orgId, definition.version);
    assertFailed(state);
    await markRunning(client, definition.name, orgId);
    return { retrySeq: state.failedSeq };
  });
}

export interface SkipRequest {
  actor: string;
  reason: string;
  /** When given, the skip is refused unless this is the failing event's sequence number. */
  expectedSeq?: number;
}

/**
 * Moves a failed org's checkpoint past the failing event and resumes it. The reason and actor
 * are appended to the ledger in the same transaction: no skip happens without its record.
 */
export async function skipFailedEvent(
  deps: AdminDeps,
  definition: ProjectionDefinition,
  orgId: string,
  request: SkipRequest,
): Promise<{ skippedSeq: number; skippedEventId: string | null }> {
  const reason = request.reason.trim();
  if (reason.length === 0) throw new ProjectionError('PROJECTIONS.REASON_REQUIRED', 'a skip needs a reason');
  const skipped = await inTransaction(deps.pool, async (client) => {
    // On the transaction's own connection: taking a second one from the pool while holding this
    // one deadlocked once as many skips ran at once as the pool has connections.
    const peek = await client.query<{ failed_seq: string | null; failed_event_id: string | null }>(
      'SELECT failed_seq, failed_event_id FROM projection_state WHERE projection = $1 AND org_id = $2',
      [definition.name, orgId],
    );
    const failedSeq = peek.rows[0]?.failed_seq == null ? null : Number(peek.rows[0].failed_seq);
    await appendProjectionAudit(
      deps.ledger,
      orgId,
      'ProjectionSkipped',
      request.actor,
      {
        projection: definition.name,
        orgId,
        skippedSeq: failedSeq,
        skippedEventId: peek.rows[0]?.failed_event_id ?? null,
      },
      client,
      { schemaVersion: PROJECTION_SKIPPED_VERSION, personal: { reason } },
    );
    const state = await lockState(client, definition.name, orgId, definition.version);
    assertFailed(state);
    if (state.failedSeq !== failedSeq || (request.expectedSeq !== undefined && request.expectedSeq !== failedSeq)) {
      throw new ProjectionError('PROJECTIONS.SEQ_MISMATCH', `the failing event of ${orgId} is seq ${state.failedSeq}`);
    }
    await writeCheckpoint(client, definition.name, orgId, state.activeGeneration, state.failedSeq);
    await markRunning(client, definition.name, orgId);
    return { skippedSeq: state.failedSeq, skippedEventId: state.failedEventId };
  });
  // Counted once committed: the projection will never apply that event to this org.
  skippedEvents().skipped('projection', 1);
  return skipped;
}
