import type { Pool } from 'pg';
import { toHex } from '../merkle/hasher';
import { consistencyProofRanges } from '../merkle/consistencyProof';
import { inclusionProofRanges } from '../merkle/inclusionProof';
import { hashSubtrees } from '../merkle/subtree';
import { requireCount } from '../merkle/treeMath';
import { PgHashReader } from './pgHashReader';
import { TileCache } from './tileCache';
import { readTreeSize } from './treeSize';

/** Proof that the event at `orgSeq` is leaf `orgSeq` of the org's tree of `treeSize` leaves. */
export interface InclusionProof {
  readonly orgId: string;
  readonly orgSeq: number;
  readonly treeSize: number;
  readonly leafHash: Uint8Array;
  /** RFC 6962 PATH(orgSeq, D[treeSize]), bottom-up. */
  readonly path: readonly Uint8Array[];
  readonly rootHash: Uint8Array;
}

/** Proof that the org's tree of `fromSize` leaves is a prefix of its tree of `toSize` leaves. */
export interface ConsistencyProof {
  readonly orgId: string;
  readonly fromSize: number;
  readonly toSize: number;
  /** RFC 6962 PROOF(fromSize, D[toSize]); empty when fromSize is 0 or equals toSize. */
  readonly path: readonly Uint8Array[];
  readonly fromRoot: Uint8Array;
  readonly toRoot: Uint8Array;
}

/**
 * Roots and proofs of the orgs' Merkle trees, served from the stored tiles: each answer is one
 * statement, which reads the org's tree size (a size it has not reached is refused) together with
 * the O(log n) tiles (and fewer than 16 recent leaves) holding the hashes it folds. Tiles already
 * read, and nodes recomputed from the recent leaves, are kept in a bounded cache (they are hashes
 * of complete subtrees, which never change), so keep one instance per process, or share its cache.
 */
export class TreeProofs {
  private readonly tiles: TileCache;

  constructor(
    private readonly pool: Pool,
    options: { tileCache?: TileCache } = {},
  ) {
    this.tiles = options.tileCache ?? new TileCache();
  }

  /** The number of leaves in the org's tree: its sequenced events. */
  treeSize(orgId: string): Promise<number> {
    return readTreeSize(this.pool, orgId);
  }

  /** RFC 6962 MTH of the org's first `treeSize` leaves (default: all). */
  async rootHash(orgId: string, treeSize?: number): Promise<Uint8Array> {
    const size = treeSize ?? (await this.treeSize(orgId));
    requireCount('treeSize', size);
    const [root] = await hashSubtrees([{ start: 0, end: size }], this.reader(orgId, size));
    return root;
  }

  async inclusionProof(orgId: string, orgSeq: number, treeSize: number): Promise<InclusionProof> {
    const ranges = inclusionProofRanges(orgSeq, treeSize);
    const leaf = { start: orgSeq, end: orgSeq + 1 };
    const root = { start: 0, end: treeSize };
    const hashes = await hashSubtrees([leaf, root, ...ranges], this.reader(orgId, treeSize));
    const [leafHash, rootHash, ...path] = hashes;
    return { orgId, orgSeq, treeSize, leafHash, path, rootHash };
  }

  async consistencyProof(orgId: string, fromSize: number, toSize: number): Promise<ConsistencyProof> {
    const ranges = consistencyProofRanges(fromSize, toSize);
    const roots = [
      { start: 0, end: fromSize },
      { start: 0, end: toSize },
    ];
    const hashes = await hashSubtrees([...roots, ...ranges], this.reader(orgId, toSize));
    const [fromRoot, toRoot, ...path] = hashes;
    return { orgId, fromSize, toSize, path, fromRoot, toRoot };
  }

  /** A reader over the org's tree of `treeSize` leaves; its one read refuses a size not reached. */
  private reader(orgId: string, treeSize: number): PgHashReader {
    return new PgHashReader(this.pool, orgId, treeSize, this.tiles);
  }
}

/** Hex form of a proof's hashes, for JSON. */
export function proofToHex(path: readonly Uint8Array[]): string[] {
  return path.map(toHex);
}
