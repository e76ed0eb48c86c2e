import type { Pool } from 'pg';
import type { EventRow } from './preparedEvent';
import { insertEvents, rowValues } from './insertEvents';
import { statementsBySize } from './statementsBySize';

/** One append's rows, waiting for a statement. */
export interface PendingInsert {
  orgId: string;
  streamId: string;
  rows: EventRow[];
  previousRevision: number;
  recordedAt: string;
  needsLiveKey: boolean;
}

interface Queued extends PendingInsert {
  resolve: (positions: number[] | null) => void;
  reject: (error: unknown) => void;
}

export interface SharedInsertsOptions {
  /** Statements in flight at once; appends arriving while all are busy share the next one. Default 2. */
  maxInFlight?: number;
  /** Most rows in one shared statement. Default 256. */
  maxRows?: number;
}

const PARAMS_PER_ROW = 13;
/** Appends of this many rows or more are never held back to share a statement. */
const LARGE_APPEND_ROWS = 32;

/*
 * The single-append statement (insertEvents.ts) with the guard's inputs carried per row: each
 * row is inserted only if its stream's last revision is still the one its append was built on
 * (and, with personal data, the stream's key is alive). A statement never sees its own inserts,
 * so an append's rows all see the same head and pass or fail together; no two appends of one
 * stream share a statement.
 */
function sharedSql(rowCount: number): string {
  const tuples = Array.from({ length: rowCount }, (_, row) => {
    const p = (offset: number) => `$${1 + row * PARAMS_PER_ROW + offset}`;
    return (
      `(${p(0)}::text, ${p(1)}::text, ${p(2)}::bigint, ${p(3)}::boolean, ${p(4)}::timestamptz, ${p(5)}::bigint, ` +
      `${p(6)}::uuid, ${p(7)}::text, ${p(8)}::integer, ${p(9)}::text, ${p(10)}::text, ${p(11)}::bytea, ${p(12)}::bytea)`
    );
  });
  return `
INSERT INTO ledger_events (org_id, stream_id, stream_revision, event_id, type, schema_version,
                           actor, recorded_at, canonical, leaf_hash, content_digest)
SELECT v.org_id, v.stream_id, v.stream_revision, v.event_id, v.type, v.schema_version,
       v.actor, v.recorded_at, v.canonical, v.leaf_hash, v.content_digest
  FROM (VALUES ${tuples.join(',\n         ')})
       AS v(org_id, stream_id, previous_revision, needs_live_key, recorded_at, stream_revision, event_id, type,
            schema_version, actor, canonical, leaf_hash, content_digest)
 WHERE (SELECT coalesce(max(e.stream_revision), -1) FROM ledger_events e
         WHERE e.org_id = v.org_id AND e.stream_id = v.stream_id) = v.previous_revision
   AND (NOT v.needs_live_key OR EXISTS (SELECT 1 FROM ledger_stream_keys k
                                         WHERE k.org_id = v.org_id AND k.stream_id = v.stream_id
                                           AND k.wrapped_key IS NOT NULL))
RETURNING position, org_id, stream_id, stream_revision`;
}

const statementFor = statementsBySize(sharedSql);

const streamKey = (orgId: string, streamId: string) => `${orgId}\u0000${streamId}`;

/**
 * Group commit across streams: appends through the pool go straight to the database while fewer
 * than `maxInFlight` statements are in flight, and those arriving while all are busy share one
 * statement, one commit and one round trip when a slot frees. Under load the number of
 * statements follows the database's pace rather than the request rate; with no load nothing
 * waits, and an append of many rows never does. Each append still settles on its own: a shared
 * statement that fails (a racing writer's unique key, a refused category) is retried one append
 * per statement, so every caller gets its own outcome.
 */
export class SharedInserts {
  private readonly queue: Queued[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxRows: number;

  constructor(
    private readonly pool: Pool,
    options: SharedInsertsOptions = {},
  ) {
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 2);
    this.maxRows = Math.max(1, options.maxRows ?? 256);
  }

  /** The positions in revision order, or null when the guard refused the rows (as insertEvents). */
  insert(pending: PendingInsert): Promise<number[] | null> {
    // A large append already spreads a statement's fixed cost over its rows: it goes at once, beside the others.
    if (pending.rows.length >= LARGE_APPEND_ROWS) return this.insertAlone(pending);
    return new Promise((resolve, reject) => {
      this.queue.push({ ...pending, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const group = this.takeGroup();
      this.inFlight += 1;
      void this.run(group).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  /** The oldest appends that fit, in arrival order, at most one per stream; the others keep their place. */
  private takeGroup(): Queued[] {
    const group: Queued[] = [];
    const streams = new Set<string>();
    let rows = 0;
    for (let i = 0; i < this.queue.length;) {
      const item = this.queue[i];
      const key = streamKey(item.orgId, item.streamId);
      const fits = group.length === 0 || (rows + item.rows.length <= this.maxRows && !streams.has(key));
      if (!fits) {
        i++;
        continue;
      }
      group.push(item);
      streams.add(key);
      rows += item.rows.length;
      this.queue.splice(i, 1);
    }
    return group;
  }

  private async run(group: Queued[]): Promise<void> {
    if (group.length === 1) return this.alone(group[0]);
    let returned: Array<{ position: string; org_id: string; stream_id: string; stream_revision: string }>;
    try {
      const values: unknown[] = [];
      for (const item of group) {
        for (const row of item.rows) {
          values.push(item.orgId, item.streamId, item.previousRevision, item.needsLiveKey, item.recordedAt);
          values.push(...rowValues(row));
        }
      }
      const rowCount = values.length / PARAMS_PER_ROW;
      ({ rows: returned } = await this.pool.query({
        name: `ledger_append_shared_${rowCount}`,
        text: statementFor(rowCount),
        values,
      }));
    } catch {
      // Which append caused it is unknown: each one again on its own, for its own outcome.
      await Promise.all(group.map((item) => this.alone(item)));
      return;
    }
    const byStream = new Map<string, Array<{ position: number; revision: number }>>();
    for (const row of returned) {
      const key = streamKey(row.org_id, row.stream_id);
      if (!byStream.has(key)) byStream.set(key, []);
      byStream.get(key)!.push({ position: Number(row.position), revision: Number(row.stream_revision) });
    }
    for (const item of group) {
      const inserted = byStream.get(streamKey(item.orgId, item.streamId));
      item.resolve(inserted ? inserted.sort((a, b) => a.revision - b.revision).map((row) => row.position) : null);
    }
  }

  private async alone(item: Queued): Promise<void> {
    try {
      item.resolve(await this.insertAlone(item));
    } catch (error) {
      item.reject(error);
    }
  }

  private insertAlone(pending: PendingInsert): Promise<number[] | null> {
    const { rows, previousRevision, recordedAt, needsLiveKey } = pending;
    return insertEvents(this.pool, pending, rows, previousRevision, recordedAt, needsLiveKey);
  }
}
