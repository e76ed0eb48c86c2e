import { concatBytes } from './bytes';

/** Exact-length reads over a stream of chunks, as a tar reader needs them. */
export class ByteSource {
  private pending: Uint8Array = new Uint8Array(0);

  constructor(private readonly chunks: AsyncIterator<Uint8Array>) {}

  /** The next `n` bytes; fewer only when the stream ends first. */
  async read(n: number): Promise<Uint8Array> {
    while (this.pending.length < n) {
      const next = await this.chunks.next();
      if (next.done) break;
      this.pending = this.pending.length === 0 ? next.value : concatBytes([this.pending, next.value]);
    }
    const out = this.pending.subarray(0, n);
    this.pending = this.pending.subarray(out.length);
    return out;
  }

  /**
   * Hands the next `n` bytes to `sink` in the pieces they arrive in, so a large file never sits
   * in memory whole. Returns false when the stream ends first.
   */
  async pass(n: number, sink: (piece: Uint8Array) => Promise<void>): Promise<boolean> {
    let left = n;
    while (left > 0) {
      if (this.pending.length === 0) {
        const next = await this.chunks.next();
        if (next.done) return false;
        this.pending = next.value;
      }
      const piece = this.pending.subarray(0, left);
      this.pending = this.pending.subarray(piece.length);
      left -= piece.length;
      await sink(piece);
    }
    return true;
  }
}
