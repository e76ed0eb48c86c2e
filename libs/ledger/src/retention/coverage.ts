import type { Pool, PoolClient } from 'pg';
import type { Coverage } from './retentionTypes';

type Db = Pool | PoolClient;

/**
 * The hold predicate, on `h` (a ledger_legal_holds row) and `s.stream_id`. An entity hold covers
 * the streams named for the entity (`<category>-<entityId>`: its entity, claim or account
 * streams); a time-range hold covers every stream with an event recorded in [from, to).
 */
const COVERS = `(
     (h.scope = 'stream' AND h.stream_id = s.stream_id)
  OR (h.scope = 'category' AND h.category = split_part(s.stream_id, '-', 1))
  OR (h.scope = 'entity' AND substr(s.stream_id, strpos(s.stream_id, '-') + 1) = h.entity_id)
  OR (h.scope = 'time-range' AND EXISTS (
        SELECT 1 FROM ledger_events e
         WHERE e.org_id = h.org_id AND e.stream_id = s.stream_id
           AND e.recorded_at >= h.from_at AND e.recorded_at < h.to_at)))`;

/**
 * Holds covering each stream. `at` asks which were in force then (placed by then, not yet
 * released); 'in-force' asks which are not released, whatever the clocks say: what a shred
 * decides on, under `lockOrgHoldsShared`, so that a hold stamped by a clock running ahead of the
 * shredder's still counts. Streams no hold covers are absent.
 */
export async function holdsCovering(
  db: Db,
  orgId: string,
  streamIds: readonly string[],
  at: Date | 'in-force',
): Promise<Map<string, string[]>> {
  const held = new Map<string, string[]>();
  if (streamIds.length === 0) return held;
  const when =
    at === 'in-force' ? 'h.released_at IS NULL' : 'h.placed_at <= $3 AND (h.released_at IS NULL OR h.released_at > $3)';
  const params: unknown[] = [orgId, streamIds];
  if (at !== 'in-force') params.push(at);
  const { rows } = await db.query<{ stream_id: string; hold_ids: string[] }>(
    `SELECT s.stream_id, array_agg(h.hold_id::text ORDER BY h.hold_id) AS hold_ids
       FROM unnest($2::text[]) AS s(stream_id)
       JOIN ledger_legal_holds h ON h.org_id = $1 AND ${when} AND ${COVERS}
      GROUP BY s.stream_id`,
    params,
  );
  for (const row of rows) held.set(row.stream_id, row.hold_ids);
  return held;
}

/** When the stream's retention ends: its last event's time plus its category's class; null when none applies. */
export async function retainedUntil(db: Db, orgId: string, streamId: string): Promise<Date | null> {
  const { rows } = await db.query<{ until: Date | null }>(
    `SELECT max(e.recorded_at) + make_interval(months => c.duration_months) AS until
       FROM ledger_retention_classes c
       JOIN ledger_events e ON e.org_id = c.org_id AND e.stream_id = $2
      WHERE c.org_id = $1 AND c.category = split_part($2, '-', 1)
      GROUP BY c.duration_months`,
    [orgId, streamId],
  );
  return rows[0]?.until ?? null;
}

/** The holds in force on a stream at `at`, and when its retention ends (see Coverage). */
export async function coverageOf(db: Db, orgId: string, streamId: string, at: Date): Promise<Coverage> {
  // One after the other: `db` may be a transaction's single connection.
  const held = await holdsCovering(db, orgId, [streamId], at);
  return { heldBy: held.get(streamId) ?? [], retainedUntil: await retainedUntil(db, orgId, streamId) };
}
