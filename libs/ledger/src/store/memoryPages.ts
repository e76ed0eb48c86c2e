import { streamCategory } from '../events/validateAppend';
import { canonicalTraceparent } from '../events/canonicalTraceparent';
import type { ReadStoredLogOptions, StoredLogPage } from '../read/readStoredLog';
import type { ReadStreamOptions } from '../read/readStream';
import type { MemoryLog, MemoryRow } from './memoryLog';

/*
 * Page selection over the in-memory log, mirroring the PostgreSQL statements' WHERE, ORDER BY
 * and LIMIT so that paging (and what a read sees of appends made while it pages) behaves alike.
 */

/** One page of a stream by revision, as readStream's SQL selects it. */
export function streamPage(
  log: MemoryLog,
  orgId: string,
  streamId: string,
  next: number,
  limit: number,
  direction: ReadStreamOptions['direction'],
): MemoryRow[] {
  const stream = log.stream(orgId, streamId);
  if (direction === 'backward') {
    const end = Math.min(next, stream.length - 1);
    return end < 0 ? [] : stream.slice(Math.max(0, end - limit + 1), end + 1).reverse();
  }
  return stream.slice(Math.max(0, next), Math.max(0, next) + limit);
}

/** Rows whose index in `rows` (their dense sequence) is `from` onward, at most `limit`. */
export function sequencePage(rows: readonly MemoryRow[], from: number, limit: number): MemoryRow[] {
  return rows.slice(Math.max(0, from), Math.max(0, from) + limit);
}

/** readStoredLog over memory: the same window and `scannedThrough` arithmetic as the SQL. */
export function storedLogPage(log: MemoryLog, options: ReadStoredLogOptions): StoredLogPage {
  const { from, limit, categories } = options;
  const head = log.rows.length - 1;
  const wanted = new Set(categories);
  const events = sequencePage(log.rows, from, limit)
    .filter((row) => wanted.has(streamCategory(row.streamId)))
    .map((row) => ({
      logSeq: row.logSeq,
      orgSeq: row.orgSeq,
      orgId: row.orgId,
      streamId: row.streamId,
      eventId: row.eventId,
      type: row.type,
      schemaVersion: row.schemaVersion,
      traceparent: canonicalTraceparent(row.canonical),
      canonical: row.canonical,
    }));
  return { events, scannedThrough: Math.max(from - 1, Math.min(head, from + limit - 1)), head };
}
