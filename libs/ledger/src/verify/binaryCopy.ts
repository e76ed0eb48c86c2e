/*
 * The binary COPY format (PostgreSQL docs, "COPY", Binary Format): an 11-byte signature, a
 * 32-bit flags field and a header extension of a given length; then per tuple a 16-bit field
 * count and, per field, a 32-bit length (-1 for NULL) and that many bytes; finally a 16-bit -1.
 * All integers are big-endian. Unlike the text format nothing is escaped, so a text column
 * arrives as its exact UTF-8 bytes.
 */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER_SIZE = SIGNATURE.length + 8;

/**
 * Splits a binary COPY stream into tuples, whatever the chunk boundaries (the server sends one
 * tuple per message, so a tuple is rarely split). For each tuple `onTuple` gets the bytes and the
 * bounds of each field: field i is bytes[bounds[2i], bounds[2i + 1]), both -1 for NULL. Both are
 * only valid during the call.
 */
export class BinaryCopyParser {
  private pending: Buffer | null = null;
  private headerRead = false;
  private ended = false;
  private readonly bounds: Int32Array;

  constructor(
    private readonly fields: number,
    private readonly onTuple: (bytes: Buffer, bounds: Int32Array) => void,
  ) {
    this.bounds = new Int32Array(2 * fields);
  }

  push(chunk: Buffer): void {
    const bytes = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let at = this.headerRead ? 0 : this.readHeader(bytes);
    if (at < 0) return this.keep(bytes, 0);
    while (!this.ended && at + 2 <= bytes.length) {
      const count = bytes.readInt16BE(at);
      if (count === -1) {
        this.ended = true;
        return;
      }
      if (count !== this.fields) throw new Error(`COPY tuple has ${count} fields, expected ${this.fields}`);
      const end = this.readBounds(bytes, at + 2);
      if (end < 0) break;
      this.onTuple(bytes, this.bounds);
      at = end;
    }
    if (!this.ended && at < bytes.length) this.keep(bytes, at);
  }

  /** Throws unless the stream ended with its trailer. */
  finish(): void {
    if (!this.ended) throw new Error('binary COPY stream ended early');
  }

  /** Fills the bounds of the fields starting at `at`; returns the tuple's end, or -1 if it is cut off. */
  private readBounds(bytes: Buffer, at: number): number {
    const bounds = this.bounds;
    for (let i = 0; i < this.fields; i++) {
      if (at + 4 > bytes.length) return -1;
      // readInt32BE by hand: this runs for every field of every row.
      const length = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
      at += 4;
      bounds[2 * i] = length < 0 ? -1 : at;
      bounds[2 * i + 1] = length < 0 ? -1 : at + length;
      if (length > 0) at += length;
    }
    return at <= bytes.length ? at : -1;
  }

  /** Offset after the header, or -1 when it has not fully arrived. */
  private readHeader(bytes: Buffer): number {
    if (bytes.length < HEADER_SIZE) return -1;
    if (!bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('not a binary COPY stream');
    const end = HEADER_SIZE + bytes.readUInt32BE(SIGNATURE.length + 4);
    if (bytes.length < end) return -1;
    this.headerRead = true;
    return end;
  }

  private keep(bytes: Buffer, from: number): void {
    // A copy: the driver reuses the memory behind a chunk once it has been handed over.
    this.pending = Buffer.from(bytes.subarray(from));
  }
}

/** A signed 64-bit big-endian integer as a number; exact below 2^53. */
export function readInt64(bytes: Buffer, at: number): number {
  return bytes.readInt32BE(at) * 0x1_0000_0000 + bytes.readUInt32BE(at + 4);
}
