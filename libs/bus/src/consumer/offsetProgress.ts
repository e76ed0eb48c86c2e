/**
 * Resolves a partition's offsets in order while its messages finish out of order (one org's
 * run after another's): Kafka commits a single position per partition, so it may only move past
 * an offset once that message and every one before it in the batch has its final outcome.
 */
export class OffsetProgress {
  private readonly finished = new Set<string>();
  private next = 0;

  constructor(
    private readonly offsets: readonly string[],
    private readonly resolve: (offset: string) => void,
  ) {}

  done(offset: string): void {
    this.finished.add(offset);
    let resolved: string | undefined;
    while (this.next < this.offsets.length && this.finished.has(this.offsets[this.next])) {
      resolved = this.offsets[this.next];
      this.next += 1;
    }
    if (resolved !== undefined) this.resolve(resolved);
  }
}
