import type { Pool, PoolClient } from 'pg';
import type { ProjectionDefinition } from '../definition/projectionDefinition';

/** Never reuses a number: a dry run's or a cancelled rebuild's generation stays in the history. */
export async function nextGeneration(db: Pool | PoolClient, projection: string, orgId: string): Promise<number> {
  const { rows } = await db.query<{ next: string }>(
    `SELECT greatest(
       (SELECT max(active_generation) FROM projection_state WHERE projection = $1 AND org_id = $2),
       (SELECT max(generation) FROM projection_checkpoints WHERE projection = $1 AND org_id = $2),
       (SELECT max(generation) FROM projection_rebuilds WHERE projection = $1 AND org_id = $2),
       0) + 1 AS next`,
    [projection, orgId],
  );
  return Number(rows[0].next);
}

/** Removes one generation's rows and checkpoint; never the active one (callers guarantee it). */
export async function dropGeneration(
  db: Pool | PoolClient,
  definition: ProjectionDefinition,
  orgId: string,
  generation: number,
): Promise<void> {
  for (const table of definition.tables) {
    await db.query(`DELETE FROM ${table.name} WHERE org_id = $1 AND generation = $2`, [orgId, generation]);
  }
  await db.query('DELETE FROM projection_checkpoints WHERE projection = $1 AND org_id = $2 AND generation = $3', [
    definition.name,
    orgId,
    generation,
  ]);
}

/**
 * Generations left behind by a rebuild that crashed (its checkpoint survives): dropped before
 * a new rebuild of the same org starts. Runs under the org's rebuild lock.
 */
export async function dropLeftovers(pool: Pool, definition: ProjectionDefinition, orgId: string): Promise<number[]> {
  const { rows } = await pool.query<{ generation: string }>(
    `SELECT c.generation FROM projection_checkpoints c
       JOIN projection_state s ON s.projection = c.projection AND s.org_id = c.org_id
      WHERE c.projection = $1 AND c.org_id = $2 AND c.generation <> s.active_generation`,
    [definition.name, orgId],
  );
  const leftovers = rows.map((row) => Number(row.generation));
  for (const generation of leftovers) await dropGeneration(pool, definition, orgId, generation);
  return leftovers;
}
