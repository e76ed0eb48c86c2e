import type { Pool } from 'pg';
import { toHex } from '../merkle/hasher';
import { MerkleError } from '../merkle/merkleError';
import { consistencyProofRanges } from '../merkle/consistencyProof';
import { inclusionProofRanges } from '../merkle/inclusionProof';
import { hashSubtrees } from '../merkle/subtree';
import { requireCount } from '../merkle/treeMath';
import { PgHashReader } from './pgHashReader';

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
 * Roots and proofs of the orgs' Merkle trees, served from the stored tiles: each answer reads the
 * org's tree size and then, in one query, the O(log n) tiles (and fewer than 16 recent leaves)
 * holding the hashes it folds.
 */
export class TreeProofs {
  constructor(private readonly pool: Pool) {}

  /** The number of leaves in the org's tree: its sequenced events. */
  async treeSize(orgId: string): Promise<number> {
    const { rows } = await this.pool.query<{ next_seq: string }>(
      'SELECT next_seq FROM ledger_org_heads WHERE org_id = $1',
      [orgId],
    );
    return rows.length === 0 ? 0 : Number(rows[0].next_seq);
  }

  /** RFC 6962 MTH of the org's first `treeSize` leaves (default: all). */
  async rootHash(orgId: string, treeSize?: number): Promise<Uint8Array> {
    const current = await this.treeSize(orgId);
    const size = treeSize ?? current;
    requireWithin(orgId, size, current);
    const [root] = await hashSubtrees([{ start: 0, end: size }], new PgHashReader(this.pool, orgId, current));
    return root;
  }

  async inclusionProof(orgId: string, orgSeq: number, treeSize: number): Promise<InclusionProof> {
    const reader = await this.readerUpTo(orgId, treeSize);
    const ranges = inclusionProofRanges(orgSeq, treeSize);
    const leaf = { start: orgSeq, end: orgSeq + 1 };
    const root = { start: 0, end: treeSize };
    const hashes = await hashSubtrees([leaf, root, ...ranges], reader);
    const [leafHash, rootHash, ...path] = hashes;
    return { orgId, orgSeq, treeSize, leafHash, path, rootHash };
  }

  async consistencyProof(orgId: string, fromSize: number, toSize: number): Promise<ConsistencyProof> {
    const reader = await this.readerUpTo(orgId, toSize);
    const ranges = consistencyProofRanges(fromSize, toSize);
    const roots = [
      { start: 0, end: fromSize },
      { start: 0, end: toSize },
    ];
    const hashes = await hashSubtrees([...roots, ...ranges], reader);
    const [fromRoot, toRoot, ...path] = hashes;
    return { orgId, fromSize, toSize, path, fromRoot, toRoot };
  }

  /** A reader over the org's stored tree, after checking it has reached `treeSize`. */
  private async readerUpTo(orgId: string, treeSize: number): Promise<PgHashReader> {
    const current = await this.treeSize(orgId);
    requireWithin(orgId, treeSize, current);
    return new PgHashReader(this.pool, orgId, current);
  }
}

function requireWithin(orgId: string, treeSize: number, current: number): void {
  requireCount('treeSize', treeSize);
  if (treeSize > current) {
    throw new MerkleError(
      'MERKLE.SIZE_OUT_OF_RANGE',
      `tree size ${treeSize} is larger than org ${orgId}'s tree (${current} leaves)`,
      { orgId, treeSize, current },
    );
  }
}

/** Hex form of a proof's hashes, for JSON. */
export function proofToHex(path: readonly Uint8Array[]): string[] {
  return path.map(toHex);
}
