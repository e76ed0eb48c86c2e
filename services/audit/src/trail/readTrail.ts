import type { Pool } from 'pg';
import type { TrailFilter } from './trailQuery';

export interface TrailRow {
  orgSeq: number;
  eventId: string;
  streamId: string;
  category: string;
  type: string;
  actor: string;
  correlationId: string | null;
  recordedAt: string;
}

interface Row {
  org_seq: string;
  event_id: string;
  stream_id: string;
  category: string;
  type: string;
  actor: string;
  correlation_id: string | null;
  recorded_at: Date;
}

/**
 * Up to `limit` trail rows of one org's live generation after `afterSeq`, in org_seq order. The
 * WHERE clause holds only the filters given, so the planner can pick the matching index.
 */
export async function readTrail(
  pool: Pool,
  orgId: string,
  generation: number,
  filter: TrailFilter,
  limit: number,
): Promise<TrailRow[]> {
  const params: unknown[] = [orgId, generation, filter.afterSeq];
  const where = ['org_id = $1', 'generation = $2', 'org_seq > $3'];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter.from) add((p) => `recorded_at >= ${p}`, filter.from);
  if (filter.to) add((p) => `recorded_at < ${p}`, filter.to);
  if (filter.actor !== undefined) add((p) => `actor = ${p}`, filter.actor);
  if (filter.streamId !== undefined) add((p) => `stream_id = ${p}`, filter.streamId);
  if (filter.category !== undefined) add((p) => `category = ${p}`, filter.category);
  if (filter.types !== undefined) add((p) => `type = ANY(${p}::text[])`, filter.types);
  params.push(limit);
  const { rows } = await pool.query<Row>(
    `SELECT org_seq, event_id, stream_id, category, type, actor, correlation_id, recorded_at
       FROM audit_trail WHERE ${where.join(' AND ')} ORDER BY org_seq LIMIT $${params.length}`,
    params,
  );
  return rows.map((row) => ({
    orgSeq: Number(row.org_seq),
    eventId: row.event_id,
    streamId: row.stream_id,
    category: row.category,
    type: row.type,
    actor: row.actor,
    correlationId: row.correlation_id,
    recordedAt: row.recorded_at.toISOString(),
  }));
}
