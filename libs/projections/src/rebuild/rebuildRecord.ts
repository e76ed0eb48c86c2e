import type { Pool } from 'pg';

export type RebuildStatus = 'building' | 'switched' | 'compared' | 'cancelled' | 'failed';

export interface RebuildKey {
  projection: string;
  orgId: string;
  generation: number;
}

export async function insertRebuild(
  pool: Pool,
  key: RebuildKey,
  fields: { version: number; dryRun: boolean; actor: string; total: number },
): Promise<void> {
  await pool.query(
    `INSERT INTO projection_rebuilds (projection, org_id, generation, version, dry_run, status, events_total, actor)
     VALUES ($1, $2, $3, $4, $5, 'building', $6, $7)`,
    [key.projection, key.orgId, key.generation, fields.version, fields.dryRun, fields.total, fields.actor],
  );
}

export async function updateRebuildProgress(pool: Pool, key: RebuildKey, done: number, total: number): Promise<void> {
  await pool.query(
    `UPDATE projection_rebuilds SET events_done = $4, events_total = $5
      WHERE projection = $1 AND org_id = $2 AND generation = $3`,
    [key.projection, key.orgId, key.generation, done, total],
  );
}

export async function finishRebuild(
  pool: Pool,
  key: RebuildKey,
  status: RebuildStatus,
  comparison: unknown,
): Promise<void> {
  await pool.query(
    `UPDATE projection_rebuilds SET status = $4, comparison = $5, finished_at = now()
      WHERE projection = $1 AND org_id = $2 AND generation = $3`,
    [key.projection, key.orgId, key.generation, status, comparison === null ? null : JSON.stringify(comparison)],
  );
}
