import type { Pool, PoolClient } from 'pg';

export interface ProjectionState {
  projection: string;
  orgId: string;
  activeGeneration: number;
  version: number;
  status: 'running' | 'failed';
  failedSeq: number | null;
  failedEventId: string | null;
  failedEventType: string | null;
  failedError: string | null;
  /** The last sequence the rebuild that made the active generation applied; -1 if never rebuilt. */
  builtThrough: number;
}

interface StateRow {
  projection: string;
  org_id: string;
  active_generation: string;
  version: number;
  status: 'running' | 'failed';
  failed_seq: string | null;
  failed_event_id: string | null;
  failed_event_type: string | null;
  failed_error: string | null;
  built_through: string;
}

export function toState(row: StateRow): ProjectionState {
  return {
    projection: row.projection,
    orgId: row.org_id,
    activeGeneration: Number(row.active_generation),
    version: row.version,
    status: row.status,
    failedSeq: row.failed_seq === null ? null : Number(row.failed_seq),
    failedEventId: row.failed_event_id,
    failedEventType: row.failed_event_type,
    failedError: row.failed_error,
    builtThrough: Number(row.built_through),
  };
}

const SELECT_STATE = `SELECT projection, org_id, active_generation, version, status, failed_seq,
  failed_event_id, failed_event_type, failed_error, built_through FROM projection_state`;

/**
 * Locks the (projection, org) state row for this transaction, creating it at generation 1 for
 * an org seen for the first time. The lock serialises live batches with a rebuild's switch.
 */
export async function lockState(client: PoolClient, projection: string, orgId: string, version: number) {
  const select = `${SELECT_STATE} WHERE projection = $1 AND org_id = $2 FOR UPDATE`;
  let { rows } = await client.query<StateRow>(select, [projection, orgId]);
  if (rows.length === 0) {
    await client.query(
      `INSERT INTO projection_state (projection, org_id, active_generation, version, status)
       VALUES ($1, $2, 1, $3, 'running') ON CONFLICT DO NOTHING`,
      [projection, orgId, version],
    );
    ({ rows } = await client.query<StateRow>(select, [projection, orgId]));
  }
  return toState(rows[0]);
}

export async function readStates(db: Pool | PoolClient, projection?: string, orgId?: string) {
  const { rows } = await db.query<StateRow>(
    `${SELECT_STATE} WHERE ($1::text IS NULL OR projection = $1) AND ($2::text IS NULL OR org_id = $2)
     ORDER BY projection, org_id`,
    [projection ?? null, orgId ?? null],
  );
  return rows.map(toState);
}

/** The last applied per-org sequence of a generation; -1 before its first event. */
export async function readCheckpoint(db: Pool | PoolClient, projection: string, orgId: string, generation: number) {
  const { rows } = await db.query<{ last_seq: string }>(
    'SELECT last_seq FROM projection_checkpoints WHERE projection = $1 AND org_id = $2 AND generation = $3',
    [projection, orgId, generation],
  );
  return rows.length === 0 ? -1 : Number(rows[0].last_seq);
}

export async function writeCheckpoint(
  client: PoolClient,
  projection: string,
  orgId: string,
  generation: number,
  lastSeq: number,
) {
  await client.query(
    `INSERT INTO projection_checkpoints (projection, org_id, generation, last_seq) VALUES ($1, $2, $3, $4)
     ON CONFLICT (projection, org_id, generation) DO UPDATE SET last_seq = EXCLUDED.last_seq, updated_at = now()`,
    [projection, orgId, generation, lastSeq],
  );
}

export interface FailureRecord {
  seq: number;
  eventId: string;
  eventType: string;
  error: string;
}

export async function markFailed(client: PoolClient, projection: string, orgId: string, failure: FailureRecord) {
  await client.query(
    `UPDATE projection_state SET status = 'failed', failed_seq = $3, failed_event_id = $4, failed_event_type = $5,
       failed_error = $6, failed_at = now(), updated_at = now() WHERE projection = $1 AND org_id = $2`,
    [projection, orgId, failure.seq, failure.eventId, failure.eventType, failure.error],
  );
}

export async function markRunning(client: PoolClient, projection: string, orgId: string) {
  await client.query(
    `UPDATE projection_state SET status = 'running', failed_seq = NULL, failed_event_id = NULL,
       failed_event_type = NULL, failed_error = NULL, failed_at = NULL, updated_at = now()
     WHERE projection = $1 AND org_id = $2`,
    [projection, orgId],
  );
}
