import { randomBytes } from 'node:crypto';
import { streamKeyOf, type StreamRef } from '../crypto/streamKeys';

/**
 * Per-stream data keys held in memory, never wrapped: the in-memory counterpart of StreamKeys.
 * A shredded stream keeps a null entry so that it accepts no personal data again.
 */
export class MemoryKeys {
  private readonly keys = new Map<string, Buffer | null>();

  /** The stream's data key, created on first use; null when the stream was shredded. */
  dataKeyForAppend(orgId: string, streamId: string): Buffer | null {
    const id = streamKeyOf(orgId, streamId);
    const existing = this.keys.get(id);
    if (existing !== undefined) return existing;
    const key = randomBytes(32);
    this.keys.set(id, key);
    return key;
  }

  /** Keys by stream, as StreamKeys.load answers: shredded streams map to null, keyless ones are absent. */
  load(streams: readonly StreamRef[]): Map<string, Buffer | null> {
    const found = new Map<string, Buffer | null>();
    for (const stream of streams) {
      const id = streamKeyOf(stream.orgId, stream.streamId);
      const key = this.keys.get(id);
      if (key !== undefined) found.set(id, key);
    }
    return found;
  }

  isShredded(orgId: string, streamId: string): boolean {
    return this.keys.get(streamKeyOf(orgId, streamId)) === null;
  }

  /** Drops the key for good; false when the stream was already shredded. */
  shred(orgId: string, streamId: string): boolean {
    const id = streamKeyOf(orgId, streamId);
    if (this.keys.get(id) === null) return false;
    // Overwrite before dropping so no reference to the old key material stays reachable here.
    this.keys.get(id)?.fill(0);
    this.keys.set(id, null);
    return true;
  }
}
