import type { Pool } from 'pg';
import type { ProjectionDefinition } from '../definition/projectionDefinition';
import { readOrgLags } from '../runner/orgLag';
import { readStates, type ProjectionState } from '../store/stateStore';

export interface RunningRebuild {
  generation: number;
  dryRun: boolean;
  done: number;
  total: number;
  startedAt: string;
}

export interface OrgStatus {
  projection: string;
  orgId: string;
  status: 'running' | 'failed' | 'new';
  /** Version that built the active generation; null before the org's first batch. */
  version: number | null;
  /** True when the registered definition is newer: a rebuild of every org is due. */
  outdated: boolean;
  activeGeneration: number | null;
  checkpoint: number;
  head: number;
  lagEvents: number;
  failure: { seq: number; eventId: string | null; eventType: string | null; error: string | null } | null;
  rebuild: RunningRebuild | null;
}

async function runningRebuilds(pool: Pool, projection: string): Promise<Map<string, RunningRebuild>> {
  const { rows } = await pool.query<{
    org_id: string;
    generation: string;
    dry_run: boolean;
    events_done: string;
    events_total: string;
    started_at: Date;
  }>(
    `SELECT org_id, generation, dry_run, events_done, events_total, started_at FROM projection_rebuilds
      WHERE projection = $1 AND status = 'building'`,
    [projection],
  );
  return new Map(
    rows.map((row) => [
      row.org_id,
      {
        generation: Number(row.generation),
        dryRun: row.dry_run,
        done: Number(row.events_done),
        total: Number(row.events_total),
        startedAt: row.started_at.toISOString(),
      },
    ]),
  );
}

function failureOf(state: ProjectionState | undefined): OrgStatus['failure'] {
  if (!state || state.status !== 'failed' || state.failedSeq === null) return null;
  return {
    seq: state.failedSeq,
    eventId: state.failedEventId,
    eventType: state.failedEventType,
    error: state.failedError,
  };
}

/** Where each org of a projection stands: what `projections status` prints. */
export async function projectionStatus(
  pool: Pool,
  definition: ProjectionDefinition,
  orgId?: string,
): Promise<OrgStatus[]> {
  const lags = await readOrgLags(pool, definition.name, orgId);
  const states = new Map((await readStates(pool, definition.name, orgId)).map((state) => [state.orgId, state]));
  const rebuilds = await runningRebuilds(pool, definition.name);
  return lags.map((lag) => ({
    projection: definition.name,
    orgId: lag.orgId,
    status: lag.status,
    version: lag.version,
    outdated: lag.version !== null && lag.version < definition.version,
    activeGeneration: lag.activeGeneration,
    checkpoint: lag.checkpoint,
    head: lag.head,
    lagEvents: Math.max(0, lag.head - lag.checkpoint),
    failure: failureOf(states.get(lag.orgId)),
    rebuild: rebuilds.get(lag.orgId) ?? null,
  }));
}
