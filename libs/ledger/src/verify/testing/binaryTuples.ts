import { BinaryCopyParser } from '../binaryCopy';
import { EVENT_TUPLE_COLUMNS, PG_EPOCH_US } from '../eventTuples';

/** Columns of one event row, as a test writes them (see EVENT_TUPLE_COLUMNS). */
export interface EventColumns {
  position: number;
  streamId: string;
  streamRevision: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  actor: string;
  /** Microseconds since the Unix epoch. */
  recordedUs: number;
  canonical: string;
  leafHash: Buffer;
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** A binary COPY stream (header, tuples, trailer) of event rows, as the server would send it. */
export function eventCopyStream(rows: readonly EventColumns[]): Buffer {
  const header = Buffer.concat([SIGNATURE, Buffer.alloc(8)]);
  const trailer = Buffer.from([0xff, 0xff]);
  return Buffer.concat([header, ...rows.map(eventTuple), trailer]);
}

function eventTuple(row: EventColumns): Buffer {
  const int = (bytes: number, value: number | bigint) => {
    const b = Buffer.alloc(bytes);
    if (bytes === 4) b.writeInt32BE(Number(value));
    else b.writeBigInt64BE(BigInt(value));
    return b;
  };
  const fields = [
    int(8, row.position),
    Buffer.from(row.streamId),
    int(8, row.streamRevision),
    Buffer.from(row.eventId.replace(/-/g, ''), 'hex'),
    Buffer.from(row.type),
    int(4, row.schemaVersion),
    Buffer.from(row.actor),
    int(8, BigInt(row.recordedUs) - BigInt(PG_EPOCH_US)),
    Buffer.from(row.canonical),
    row.leafHash,
  ];
  const count = Buffer.alloc(2);
  count.writeInt16BE(fields.length);
  return Buffer.concat([count, ...fields.flatMap((field) => [int(4, field.length), field])]);
}

/** Parses a binary COPY stream of event rows into (bytes, field bounds) pairs, kept as copies. */
export function parseEventStream(stream: Buffer): { bytes: Buffer; bounds: Int32Array }[] {
  const tuples: { bytes: Buffer; bounds: Int32Array }[] = [];
  const parser = new BinaryCopyParser(EVENT_TUPLE_COLUMNS.length, (bytes, bounds) =>
    tuples.push({ bytes: Buffer.from(bytes), bounds: Int32Array.from(bounds) }),
  );
  parser.push(stream);
  parser.finish();
  return tuples;
}
