import { HASH_SIZE, LEAF_HASH_PREFIX } from '../merkle/hasher';
import { latin1HashEquals as importedHashEquals, type Preimage } from '../merkle/sha256';
import { TILE_WIDTH } from '../tree/tileLayout';
import { readInt64 as importedReadInt64 } from './binaryCopy';
import type { CanonicalColumns } from './canonicalColumns';
import { checkRow, recomputeLeaf } from './checkRow';
import { FIELD, tupleToOrgRow } from './eventTuples';
import type { OrgRow } from './orgRows';
import type { RowScan } from './rowScan';

// Imported bindings compile to a getter call per use; these are used per row, so read once.
const readInt64 = importedReadInt64;
const hashEquals = importedHashEquals;
const LEAF_PREFIX = LEAF_HASH_PREFIX;
const HASH_BYTES = HASH_SIZE;
const TILE_LEAVES = TILE_WIDTH;
const POSITION = 2 * FIELD.position;
const CANONICAL = 2 * FIELD.canonical;
const LEAF_HASH = 2 * FIELD.leafHash;

/** What the full check found wrong with a row (maybe nothing), and the tree's copy of its leaf. */
interface Flagged {
  readonly problems: string[];
  readonly treeLeaf: Buffer | null;
}

/**
 * The rows of one chunk (org_seq in [from, to)), checked as their event tuples arrive: in
 * position order, while the bytes are fresh in the CPU cache; only each row's leaf is kept. A row
 * that hashes to its stored leaf_hash and to the tree's own copy of its leaf is the text that
 * was appended, so its typed columns are compared with that text directly (CanonicalColumns);
 * every other row, and any whose columns do not compare equal that way, gets the full check.
 * `feed` then hands the rows to a RowScan in org_seq order.
 */
export class ChunkCheck {
  /** Per slot (log entry), the recomputed leaf as a latin1 string (see sha256Latin1). */
  private readonly leaves: (string | undefined)[];
  private readonly flagged = new Map<number, Flagged>();
  private readonly slotOf: SlotIndex;
  private lastSlot = -1;
  private lastTile = -1;
  private lastTileHashes: Buffer | undefined;

  constructor(
    private readonly orgId: string,
    private readonly columns: CanonicalColumns,
    private readonly preimage: Preimage,
    /** The log entries of the chunk in org_seq order: their org_seq and event position. */
    private readonly seqs: readonly number[],
    private readonly positions: readonly number[],
    /** The tree's level-0 tiles over the chunk, by tile index. */
    private readonly leafTiles: ReadonlyMap<number, Buffer>,
  ) {
    this.slotOf = new SlotIndex(positions);
    this.leaves = new Array<string | undefined>(seqs.length);
  }

  /** Checks one event tuple; tuples of events outside the chunk are ignored. */
  checkTuple(bytes: Buffer, f: Int32Array): void {
    const slot = this.slotOfPosition(readInt64(bytes, f[POSITION]));
    if (slot < 0 || this.leaves[slot] !== undefined) return;
    const seq = this.seqs[slot];
    const leaf = this.preimage.hashPrefixedLatin1(LEAF_PREFIX, bytes, f[CANONICAL], f[CANONICAL + 1]);
    this.leaves[slot] = leaf;
    const storedMatches = f[LEAF_HASH + 1] - f[LEAF_HASH] === HASH_BYTES && hashEquals(leaf, bytes, f[LEAF_HASH]);
    const tile = this.tileOf(seq);
    const treeMatches = tile !== undefined && hashEquals(leaf, tile, (seq % TILE_LEAVES) * HASH_BYTES);
    if (storedMatches && treeMatches && this.columns.matches(bytes, f)) return;
    const row = tupleToOrgRow(bytes, f, this.orgId, seq, this.treeLeaf(seq));
    this.flagged.set(slot, { problems: checkRow(row, Buffer.from(leaf, 'latin1')), treeLeaf: row.tree_leaf });
  }

  /**
   * The slot of the log entry pointing at `position`. Events mostly arrive in the order of their
   * log entries, so the slot after the last one is tried before the map.
   */
  private slotOfPosition(position: number): number {
    const next = this.lastSlot + 1;
    const slot = this.positions[next] === position ? next : this.slotOf.get(position);
    if (slot >= 0) this.lastSlot = slot;
    return slot;
  }

  /** Rows that needed the full check: in an untouched ledger, only the latest (under 16). */
  get fullChecks(): number {
    return this.flagged.size;
  }

  /** Event positions of the chunk that no tuple has been seen for. */
  unseen(): number[] {
    return this.positions.filter((_, slot) => this.leaves[slot] === undefined);
  }

  /** Checks, in text form, an event of the chunk that was not among the tuples. */
  checkStray(position: number, stray: Omit<OrgRow, 'org_seq' | 'tree_leaf'>): void {
    const slot = this.slotOf.get(position);
    if (slot < 0 || this.leaves[slot] !== undefined) return;
    const row = { ...stray, org_seq: String(this.seqs[slot]), tree_leaf: this.treeLeaf(this.seqs[slot]) };
    const leaf = recomputeLeaf(row);
    this.leaves[slot] = leaf.toString('latin1');
    this.flagged.set(slot, { problems: checkRow(row, leaf), treeLeaf: row.tree_leaf });
  }

  /** Hands the rows to `scan` in org_seq order; a log entry without an event is left out (a gap). */
  feed(scan: RowScan): void {
    for (let slot = 0; slot < this.seqs.length; slot++) {
      const leaf = this.leaves[slot];
      if (leaf === undefined) continue;
      const flagged = this.flagged.size === 0 ? undefined : this.flagged.get(slot);
      if (flagged === undefined) scan.addVerified(this.seqs[slot], leaf);
      else scan.add(this.seqs[slot], leaf, flagged.problems, flagged.treeLeaf);
    }
  }

  /** The level-0 tile holding the leaf at `seq`; consecutive rows share one, so the last is kept. */
  private tileOf(seq: number): Buffer | undefined {
    const index = Math.floor(seq / TILE_LEAVES);
    if (index !== this.lastTile) {
      this.lastTile = index;
      this.lastTileHashes = this.leafTiles.get(index);
    }
    return this.lastTileHashes;
  }

  private treeLeaf(seq: number): Buffer | null {
    const tile = this.tileOf(seq);
    const inTile = (seq % TILE_LEAVES) * HASH_BYTES;
    return tile === undefined ? null : Buffer.from(tile.subarray(inTile, inTile + HASH_BYTES));
  }
}

/**
 * The slot of each position of a chunk. Positions of one chunk usually lie close together, so
 * an array over their span serves as the index, which is cheaper to fill and to read than a Map;
 * scattered positions use a Map.
 */
class SlotIndex {
  private readonly base: number;
  private readonly slots: Int32Array | null;
  private readonly map: Map<number, number> | null;

  constructor(positions: readonly number[]) {
    let low = Infinity;
    let high = -Infinity;
    for (const position of positions) {
      low = Math.min(low, position);
      high = Math.max(high, position);
    }
    this.base = low;
    const dense = positions.length > 0 && high - low < 4 * positions.length + 1024;
    this.slots = dense ? new Int32Array(high - low + 1).fill(-1) : null;
    this.map = dense ? null : new Map();
    positions.forEach((position, slot) => {
      if (this.slots) this.slots[position - low] = slot;
      else this.map!.set(position, slot);
    });
  }

  /** The slot of `position`, or -1 when it is not one of the chunk's. */
  get(position: number): number {
    if (this.slots === null) return this.map!.get(position) ?? -1;
    const offset = position - this.base;
    return offset >= 0 && offset < this.slots.length ? this.slots[offset] : -1;
  }
}
