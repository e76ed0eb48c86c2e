import type { OrgRow } from './orgRows';

/** The event columns streamed for verification, in tuple order (see FIELD). */
export const EVENT_TUPLE_COLUMNS = [
  'position',
  'stream_id',
  'stream_revision',
  'event_id',
  'type',
  'schema_version',
  'actor',
  'recorded_at',
  'canonical',
  'leaf_hash',
] as const;

/** Index of each column in a tuple; its bounds are at [2 * index, 2 * index + 1] (see BinaryCopyParser). */
export const FIELD = {
  position: 0,
  streamId: 1,
  streamRevision: 2,
  eventId: 3,
  type: 4,
  schemaVersion: 5,
  actor: 6,
  recordedAt: 7,
  canonical: 8,
  leafHash: 9,
} as const;

/** Microseconds from the Unix epoch to 2000-01-01, PostgreSQL's timestamp epoch. */
export const PG_EPOCH_US = 946_684_800_000_000;

/** The tuple in the text form the row checks read, for rows that need the full check. */
export function tupleToOrgRow(
  bytes: Buffer,
  f: Int32Array,
  orgId: string,
  orgSeq: number,
  treeLeaf: Buffer | null,
): OrgRow {
  const text = (field: number) => bytes.toString('utf8', f[2 * field], f[2 * field + 1]);
  const int64 = (field: number) => bytes.readBigInt64BE(f[2 * field]);
  return {
    org_seq: String(orgSeq),
    // Streamed rows are selected by org_id, so the column holds the org being verified.
    org_id: orgId,
    stream_id: text(FIELD.streamId),
    stream_revision: int64(FIELD.streamRevision).toString(),
    event_id: uuidText(bytes, f[2 * FIELD.eventId]),
    type: text(FIELD.type),
    schema_version: bytes.readInt32BE(f[2 * FIELD.schemaVersion]),
    actor: text(FIELD.actor),
    recorded_us: (int64(FIELD.recordedAt) + BigInt(PG_EPOCH_US)).toString(),
    canonical: text(FIELD.canonical),
    leaf_hash: Buffer.from(bytes.subarray(f[2 * FIELD.leafHash], f[2 * FIELD.leafHash + 1])),
    tree_leaf: treeLeaf,
  };
}

/** A binary uuid (16 bytes) in PostgreSQL's text form: lower-case 8-4-4-4-12 hex. */
function uuidText(bytes: Buffer, at: number): string {
  const hex = bytes.toString('hex', at, at + 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
