import type { Pool, PoolClient } from 'pg';
import type { SequencedEvent } from '../events/types';
import type { StreamKeys } from '../crypto/streamKeys';
import { EVENT_COLUMNS, parseSequencedRows, type ParsedPage, type SequencedRowColumns } from './rowToEvent';
import { unsealPage, type PersonalAccess } from './unsealPersonal';

/*
 * Page reads are planned on every call, never prepared: a prepared statement's generic plan,
 * chosen while the tables were small, survived a bulk load here and read at 10k events/s
 * instead of 200k. Planning costs little next to a page of rows.
 */
const ORG_SQL = `SELECT l.org_seq, l.log_seq, ${EVENT_COLUMNS}
  FROM ledger_log l JOIN ledger_events e ON e.position = l.position
 WHERE l.org_id = $1 AND l.org_seq >= $2 ORDER BY l.org_seq LIMIT $3`;
const ALL_SQL = `SELECT l.org_seq, l.log_seq, ${EVENT_COLUMNS}
  FROM ledger_log l JOIN ledger_events e ON e.position = l.position
 WHERE l.log_seq >= $1 ORDER BY l.log_seq LIMIT $2`;

/** One page of an org's events in per-org sequence order, starting at `fromSeq` (inclusive). */
export async function readOrgPage(
  pool: Pool,
  keys: StreamKeys,
  orgId: string,
  fromSeq: number,
  limit: number,
  personal: PersonalAccess,
): Promise<SequencedEvent[]> {
  const { rows } = await pool.query<SequencedRowColumns>(ORG_SQL, [orgId, fromSeq, limit]);
  return unsealPage(parseSequencedRows(rows), keys, personal);
}

/** One page of every org's events in global log order, starting at `fromLogSeq` (inclusive). */
export async function readAllPage(
  pool: Pool,
  keys: StreamKeys,
  fromLogSeq: number,
  limit: number,
  personal: PersonalAccess,
): Promise<SequencedEvent[]> {
  const { rows } = await pool.query<SequencedRowColumns>(ALL_SQL, [fromLogSeq, limit]);
  return unsealPage(parseSequencedRows(rows), keys, personal);
}

export interface ReadSequencedOptions {
  from?: number;
  batchSize?: number;
  personal?: PersonalAccess;
}

type PageReader = (from: number, limit: number) => Promise<SequencedEvent[]>;

/** Pages until the sequenced end, holding one page at a time. */
export async function* readPages(
  readPage: PageReader,
  next: (event: SequencedEvent) => number,
  options: ReadSequencedOptions,
): AsyncGenerator<SequencedEvent> {
  const batchSize = options.batchSize ?? 1000;
  let from = options.from ?? 0;
  for (;;) {
    const page = await readPage(from, batchSize);
    yield* page;
    if (page.length < batchSize) return;
    from = next(page[page.length - 1]) + 1;
  }
}

const RANGE_SQL = `SELECT l.org_seq, l.log_seq, ${EVENT_COLUMNS}
  FROM ledger_log l JOIN ledger_events e ON e.position = l.position
 WHERE l.org_id = $1 AND l.org_seq > $2 AND l.org_seq <= $3 ORDER BY l.org_seq LIMIT $4`;

export interface OrgRange {
  after: number;
  through: number;
  limit: number;
}

/** Up to `limit` of an org's events after `range.after`, through `range.through` inclusive, still sealed. */
export async function readOrgRangeSealed(
  db: Pool | PoolClient,
  orgId: string,
  range: OrgRange,
): Promise<ParsedPage<SequencedEvent>> {
  const { rows } = await db.query<SequencedRowColumns>(RANGE_SQL, [orgId, range.after, range.through, range.limit]);
  return parseSequencedRows(rows);
}

/** Up to `limit` of an org's events after `afterSeq`, through `throughSeq` inclusive. */
export async function readOrgRangePage(
  db: Pool | PoolClient,
  keys: StreamKeys,
  orgId: string,
  range: OrgRange,
  personal: PersonalAccess,
): Promise<SequencedEvent[]> {
  return unsealPage(await readOrgRangeSealed(db, orgId, range), keys, personal);
}
