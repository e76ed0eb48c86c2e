import type { Pool, PoolClient } from 'pg';
import { holdsCovering } from './coverage';
import type { Regulation } from './retentionTypes';

/** A stream whose personal data has outlived its category's retention class. */
export interface DueStream {
  streamId: string;
  category: string;
  regulation: Regulation;
  durationMonths: number;
  lastEventAt: Date;
  retainedUntil: Date;
  /** Holds in force covering it; empty when it may be shredded. */
  heldBy: string[];
}

interface DueRow {
  stream_id: string;
  category: string;
  regulation: Regulation;
  duration_months: number;
  last_at: Date;
  until: Date;
}

/**
 * Streams of the org, or of `streamIds` only, that still hold a data key (personal data not yet
 * shredded) and whose last event is older than their class's duration at `at`. Retention counts
 * from the stream's last event: a record stays whole while it is still being written to.
 * Categories without a class are never due. Holds are those in force (see `holdsCovering`).
 */
export async function dueStreams(
  db: Pool | PoolClient,
  orgId: string,
  at: Date,
  streamIds?: readonly string[],
): Promise<DueStream[]> {
  const { rows } = await db.query<DueRow>(
    `WITH keyed AS (
       SELECT k.stream_id, c.category, c.regulation, c.duration_months
         FROM ledger_stream_keys k
         JOIN ledger_retention_classes c ON c.org_id = k.org_id AND c.category = split_part(k.stream_id, '-', 1)
        WHERE k.org_id = $1 AND k.wrapped_key IS NOT NULL
          AND ($3::text[] IS NULL OR k.stream_id = ANY($3::text[])))
     SELECT keyed.*, last.last_at, last.last_at + make_interval(months => keyed.duration_months) AS until
       FROM keyed
       CROSS JOIN LATERAL (
         SELECT e.recorded_at AS last_at FROM ledger_events e
          WHERE e.org_id = $1 AND e.stream_id = keyed.stream_id
          ORDER BY e.stream_revision DESC LIMIT 1) AS last
      WHERE last.last_at + make_interval(months => keyed.duration_months) <= $2
      ORDER BY keyed.stream_id`,
    [orgId, at, streamIds ?? null],
  );
  const held = await holdsCovering(
    db,
    orgId,
    rows.map((row) => row.stream_id),
    'in-force',
  );
  return rows.map((row) => ({
    streamId: row.stream_id,
    category: row.category,
    regulation: row.regulation,
    durationMonths: row.duration_months,
    lastEventAt: row.last_at,
    retainedUntil: row.until,
    heldBy: held.get(row.stream_id) ?? [],
  }));
}
