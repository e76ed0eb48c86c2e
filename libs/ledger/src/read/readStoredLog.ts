import type { Pool } from 'pg';
import { canonicalTraceparent } from '../events/canonicalTraceparent';

/**
 * A sequenced event as stored, not parsed: what a publisher forwards without looking inside.
 * The identity fields are the columns the append wrote from the same prepared event as the
 * canonical text, so they always agree with it.
 */
export interface StoredLogEvent {
  logSeq: number;
  orgSeq: number;
  orgId: string;
  streamId: string;
  eventId: string;
  type: string;
  schemaVersion: number;
  /** `metadata.traceparent` of the canonical text, or null. */
  traceparent: string | null;
  /** The exact RFC 8785 text that was hashed; personal parts in it are sealed. */
  canonical: string;
}

export interface StoredLogPage {
  events: StoredLogEvent[];
  /**
   * The last log sequence this read has accounted for: every event from `from` up to it is in
   * `events` or is not of the asked categories; `from - 1` when the log has nothing there yet.
   */
  scannedThrough: number;
  /** The log's last sequence in this read's snapshot: more is waiting when it is past `scannedThrough`. */
  head: number;
}

export interface ReadStoredLogOptions {
  /** First log sequence to read (inclusive). */
  from: number;
  /** How many log positions to look at: at most this many events are returned, fewer when some are of other categories. */
  limit: number;
  /** Stream categories (the part of stream_id before the first '-') to return; every other event is passed over. */
  categories: readonly string[];
}

/*
 * One statement, so the head and the page come from one snapshot: the log is a dense prefix in
 * any snapshot (the sequencer assigns log_seq under a lock, in commit order), so every position
 * from `from` up to the head, within the window, has been looked at. A window of log positions
 * rather than a LIMIT on the matching events keeps each read's work bounded and its plan simple
 * whatever the mix of categories and however stale the statistics. Planned per call, like the
 * other page reads (see readSequenced.ts).
 */
const STORED_SQL = `SELECT h.head, p.*
  FROM (SELECT COALESCE(max(log_seq), -1) AS head FROM ledger_log) h
  LEFT JOIN LATERAL (
    SELECT l.log_seq, l.org_seq, e.org_id, e.stream_id, e.event_id, e.type, e.schema_version, e.canonical
      FROM ledger_log l JOIN ledger_events e ON e.position = l.position
     WHERE l.log_seq >= $1 AND l.log_seq < $1 + $2 AND split_part(e.stream_id, '-', 1) = ANY($3::text[])
     ORDER BY l.log_seq) p ON true`;

interface StoredRow {
  head: string;
  log_seq: string | null;
  org_seq: string;
  org_id: string;
  stream_id: string;
  event_id: string;
  type: string;
  schema_version: number;
  canonical: string;
}

export async function readStoredLogPage(pool: Pool, options: ReadStoredLogOptions): Promise<StoredLogPage> {
  const { from, limit, categories } = options;
  const { rows } = await pool.query<StoredRow>(STORED_SQL, [from, limit, categories]);
  const head = Number(rows[0].head);
  const events: StoredLogEvent[] = [];
  for (const row of rows) {
    if (row.log_seq === null) break;
    events.push({
      logSeq: Number(row.log_seq),
      orgSeq: Number(row.org_seq),
      orgId: row.org_id,
      streamId: row.stream_id,
      eventId: row.event_id,
      type: row.type,
      schemaVersion: row.schema_version,
      traceparent: canonicalTraceparent(row.canonical),
      canonical: row.canonical,
    });
  }
  return { events, scannedThrough: Math.max(from - 1, Math.min(head, from + limit - 1)), head };
}
