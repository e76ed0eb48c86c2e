import { escapeLiteral, type Pool, type PoolClient } from 'pg';
import { HASH_SIZE } from '../merkle/hasher';
import type { Preimage } from '../merkle/sha256';
import { MERKLE_TILES_TABLE } from '../tree/merkleTiles';
import { TILE_WIDTH } from '../tree/tileLayout';
import { BinaryCopyParser, readInt64 as importedReadInt64 } from './binaryCopy';
import type { CanonicalColumns } from './canonicalColumns';
import { ChunkCheck } from './chunkCheck';
import { copyOut } from './copyOut';
import { EVENT_TUPLE_COLUMNS } from './eventTuples';
import type { OrgRow } from './orgRows';

/*
 * Rows are streamed with binary COPY: no per-field text parsing, and the canonical text arrives
 * as the very bytes to hash. The log and the events are read apart and matched here by
 * position, because a join in the server probes the events' primary key once per row, which
 * costs it about twice a range scan of the same rows. Each statement is planned on its own
 * (COPY takes no parameters; the values are literals), so no generic plan is ever reused.
 */

// Imported bindings compile to a getter call per use; this one runs twice per row, so read once.
const readInt64 = importedReadInt64;
/** Position runs further apart than this are read as separate ranges. */
const MAX_GAP = 4096;
/** Beyond this many runs the events are read through the log instead. */
const MAX_RANGES = 8;

/** What checking an org's rows needs besides the rows: shared by all its chunks. */
export interface CheckTools {
  readonly columns: CanonicalColumns;
  readonly preimage: Preimage;
}

/** A chunk of an org's rows, org_seq in [from, to), ready to be streamed: its log and leaf tiles. */
export interface ChunkPlan {
  readonly orgId: string;
  readonly from: number;
  readonly to: number;
  /** The log entries in org_seq order: their org_seq and event position. */
  readonly seqs: readonly number[];
  readonly positions: readonly number[];
  /** The tree's level-0 tiles over the range (its own copies of the leaves), by tile index. */
  readonly leafTiles: ReadonlyMap<number, Buffer>;
}

/** Reads the chunk's log entries and the tree's leaf tiles over it, on one connection of `pool`. */
export async function planOrgChunk(pool: Pool, orgId: string, from: number, to: number): Promise<ChunkPlan> {
  const client = await pool.connect();
  try {
    const org = escapeLiteral(orgId);
    const { seqs, positions } = await readLog(client, org, from, to);
    const leafTiles = await readLeafTiles(client, org, from, to);
    return { orgId, from, to, seqs, positions, leafTiles };
  } finally {
    client.release();
  }
}

/**
 * Streams the chunk's events on one connection of `pool`, checking each as it arrives, then
 * checks in text form any event the log points at that did not come with them.
 */
export async function checkOrgChunk(pool: Pool, plan: ChunkPlan, tools: CheckTools): Promise<ChunkCheck> {
  const { orgId, from, to, seqs, positions, leafTiles } = plan;
  const check = new ChunkCheck(orgId, tools.columns, tools.preimage, seqs, positions, leafTiles);
  if (positions.length === 0) return check;
  const client = await pool.connect();
  try {
    const parser = new BinaryCopyParser(EVENT_TUPLE_COLUMNS.length, (bytes, f) => check.checkTuple(bytes, f));
    await copyOut(client, eventsSql(escapeLiteral(orgId), from, to, positions), (chunk) => parser.push(chunk));
    parser.finish();
    const unseen = check.unseen();
    if (unseen.length > 0)
      for (const [position, row] of await readStrays(client, unseen)) check.checkStray(position, row);
    return check;
  } finally {
    client.release();
  }
}

/**
 * The chunk's log entries in org_seq order. The server packs them into one value (8-byte org_seq
 * and position per entry): one message instead of one per row, whose handling in the driver would
 * cost about as much as checking the row. They are put in order here, by org_seq, which is
 * cheaper than having the server sort them.
 */
async function readLog(
  client: PoolClient,
  org: string,
  from: number,
  to: number,
): Promise<{ seqs: number[]; positions: number[] }> {
  const entries: number[] = [];
  const parser = new BinaryCopyParser(1, (bytes, f) => {
    for (let at = f[0]; at >= 0 && at < f[1]; at += 8) entries.push(readInt64(bytes, at));
  });
  const sql = `COPY (SELECT string_agg(int8send(org_seq) || int8send(position), ''::bytea) FROM ledger_log
                      WHERE org_id = ${org} AND org_seq >= ${from} AND org_seq < ${to}) TO STDOUT (FORMAT binary)`;
  await copyOut(client, sql, (chunk) => parser.push(chunk));
  parser.finish();
  return inSeqOrder(entries, from, to);
}

/** (org_seq, position) pairs, flattened, in org_seq order; by placing them, or by sorting if seqs repeat. */
function inSeqOrder(entries: readonly number[], from: number, to: number): { seqs: number[]; positions: number[] } {
  const bySeq = new Array<number>(to - from).fill(-1);
  let repeated = false;
  for (let i = 0; i < entries.length; i += 2) {
    repeated ||= bySeq[entries[i] - from] !== -1;
    bySeq[entries[i] - from] = entries[i + 1];
  }
  const seqs: number[] = [];
  const positions: number[] = [];
  if (repeated) {
    // Only if org_seq's uniqueness was dropped: keep every entry, as a join would.
    const pairs = Array.from({ length: entries.length / 2 }, (_, i) => [entries[2 * i], entries[2 * i + 1]]);
    for (const [seq, position] of pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
      seqs.push(seq);
      positions.push(position);
    }
  } else {
    bySeq.forEach((position, offset) => {
      if (position < 0) return;
      seqs.push(from + offset);
      positions.push(position);
    });
  }
  return { seqs, positions };
}

/**
 * The org's events at these positions, and possibly a few more of its events in between (they
 * belong to neighbouring chunks and are ignored). Positions of one chunk are mostly close
 * together, as the sequencer numbers events in commit order; when they scatter, the events are
 * read through the log. The org is checked on the rows found (OFFSET 0 keeps the subquery from
 * being merged into the outer query): offered `org_id = …` as an index condition, a planner
 * without statistics yet (right after a bulk load) ANDs in the index on org_id, which lists every
 * event of the org, for every chunk.
 */
function eventsSql(org: string, from: number, to: number, positions: readonly number[]): string {
  const columns = EVENT_TUPLE_COLUMNS.join(', ');
  const inner = [...EVENT_TUPLE_COLUMNS, 'org_id'].map((column) => `e.${column}`).join(', ');
  const ranges = positionRanges(positions);
  const rows =
    ranges.length <= MAX_RANGES
      ? `SELECT ${inner} FROM ledger_events e
          WHERE ${ranges.map(([low, high]) => `e.position BETWEEN ${low} AND ${high}`).join(' OR ')}`
      : `SELECT ${inner} FROM ledger_log l JOIN ledger_events e ON e.position = l.position
          WHERE l.org_id = ${org} AND l.org_seq >= ${from} AND l.org_seq < ${to}`;
  return `COPY (SELECT ${columns} FROM (${rows} OFFSET 0) e WHERE e.org_id = ${org}) TO STDOUT (FORMAT binary)`;
}

/** Sorted runs [low, high] covering `positions`, split where they are more than MAX_GAP apart. */
export function positionRanges(positions: readonly number[]): [number, number][] {
  const sorted = isSorted(positions) ? positions : Float64Array.from(positions).sort();
  const ranges: [number, number][] = [];
  for (const position of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && position - last[1] <= MAX_GAP) last[1] = position;
    else ranges.push([position, position]);
  }
  return ranges;
}

function isSorted(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] < values[i - 1]) return false;
  return true;
}

const STRAYS_SQL = `
SELECT e.position, e.org_id, e.stream_id, e.stream_revision, e.event_id::text AS event_id, e.type,
       e.schema_version, e.actor,
       ((extract(epoch FROM e.recorded_at) * 1000000)::numeric(30, 0))::text AS recorded_us,
       e.canonical, e.leaf_hash
  FROM ledger_events e
 WHERE e.position = ANY($1::bigint[])`;

/**
 * Events the log points at that were not among the org's streamed tuples: only an event whose
 * org_id no longer names the org (found here, and reported by the row check) or one that is gone
 * (absent here too, so its org_seq shows as a gap).
 */
async function readStrays(
  client: PoolClient,
  positions: readonly number[],
): Promise<Map<number, Omit<OrgRow, 'org_seq' | 'tree_leaf'>>> {
  const { rows } = await client.query<Omit<OrgRow, 'org_seq' | 'tree_leaf'> & { position: string }>(STRAYS_SQL, [
    positions,
  ]);
  return new Map(rows.map(({ position, ...row }) => [Number(position), row]));
}

/** The tree's level-0 tiles over [from, to), by tile index, packed like the log (see readLog). */
async function readLeafTiles(client: PoolClient, org: string, from: number, to: number): Promise<Map<number, Buffer>> {
  const tiles = new Map<number, Buffer>();
  const record = 8 + TILE_WIDTH * HASH_SIZE;
  const parser = new BinaryCopyParser(1, (bytes, f) => {
    if (f[0] < 0) return;
    // One copy: the driver reuses the memory behind the message.
    const packed = Buffer.from(bytes.subarray(f[0], f[1]));
    for (let at = 0; at + record <= packed.length; at += record) {
      tiles.set(readInt64(packed, at), packed.subarray(at + 8, at + record));
    }
  });
  const sql = `COPY (SELECT string_agg(int8send(tile) || hashes, ''::bytea) FROM ${MERKLE_TILES_TABLE}
                      WHERE org_id = ${org} AND level = 0
                        AND tile >= ${Math.floor(from / TILE_WIDTH)} AND tile < ${Math.ceil(to / TILE_WIDTH)})
            TO STDOUT (FORMAT binary)`;
  await copyOut(client, sql, (chunk) => parser.push(chunk));
  parser.finish();
  return tiles;
}
