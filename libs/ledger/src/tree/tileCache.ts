/**
 * Recently used hashes of any org's tree, least recently used forgotten first: stored tiles, and
 * single nodes recomputed from loose leaves. Both are hashes of complete subtrees, which never
 * change once the subtree is complete (appending only adds subtrees to the right; tiles are
 * append-only rows), so a cached copy cannot go stale. Only hashes read from the database, or
 * computed from what was read, are put here.
 */
export class TileCache {
  private readonly entries = new Map<string, { value: Uint8Array; stamp: number }>();
  /** Entries set so far: an entry's stamp says how many were set before it. */
  private sets = 0;

  /** `capacity` entries; the default 16384 hold at most 8 MB (a tile is 512 bytes, a node 32). */
  constructor(private readonly capacity = 16_384) {}

  /** A stored tile, by tileKey. */
  tile(orgId: string, tileKey: string): Uint8Array | undefined {
    return this.get(`${orgId}\n${tileKey}`);
  }

  setTile(orgId: string, tileKey: string, hashes: Uint8Array): void {
    this.set(`${orgId}\n${tileKey}`, hashes);
  }

  /** The hash of the complete subtree at (level, index), by addressKey. */
  node(orgId: string, addressKey: string): Uint8Array | undefined {
    return this.get(`${orgId}\nnode ${addressKey}`);
  }

  setNode(orgId: string, addressKey: string, hash: Uint8Array): void {
    this.set(`${orgId}\nnode ${addressKey}`, hash);
  }

  get size(): number {
    return this.entries.size;
  }

  private get(key: string): Uint8Array | undefined {
    const entry = this.entries.get(key);
    // Re-inserting moves an entry to the young end of the Map's insertion order, so that the
    // oldest is the least recently used. It is done only once the entry is half way to being
    // forgotten: deleting and re-adding on every use churns the Map's table, which then costs
    // microseconds per lookup.
    if (entry !== undefined && this.sets - entry.stamp > this.capacity / 2) this.set(key, entry.value);
    return entry?.value;
  }

  private set(key: string, value: Uint8Array): void {
    this.entries.delete(key);
    this.entries.set(key, { value, stamp: this.sets++ });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
