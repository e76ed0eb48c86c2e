import { toHex } from '../merkle/hasher';
import { isMerkleError } from '../merkle/merkleError';
import { verifyConsistency } from '../merkle/verify';
import type { TreeProofs } from '../tree/treeProofs';
import type { SignedTreeHead } from './treeHead';

/**
 * How the database tree stands against the latest published head: `unpublished` (no head kept),
 * `consistent` (the published tree is a prefix of the database's), `behind` (the database has
 * fewer leaves: restored to before the head) or `fork` (same size, other root; or larger, but
 * the published tree is not its prefix).
 */
export type CheckpointStatus = 'unpublished' | 'consistent' | 'behind' | 'fork';

export interface CheckpointComparison {
  readonly orgId: string;
  readonly status: CheckpointStatus;
  readonly treeSize: number;
  /** The database tree's root at treeSize (lower-case hex). */
  readonly rootHash: string;
  readonly published: SignedTreeHead | null;
}

/** True when signing the org's tree now would not contradict a head already published. */
export function maySign(comparison: CheckpointComparison): boolean {
  return comparison.status === 'unpublished' || comparison.status === 'consistent';
}

/**
 * Compares the org's tree in the database with its latest published head. When the database
 * is at least as large, the consistency proof from the published size to the database's is
 * built from the stored tree and checked against the published root with the RFC 9162
 * verifier, which does not share code with the prover.
 */
export async function compareWithCheckpoint(
  trees: TreeProofs,
  orgId: string,
  published: SignedTreeHead | null,
): Promise<CheckpointComparison> {
  const treeSize = await trees.treeSize(orgId);
  const base = { orgId, treeSize, published };
  if (published && treeSize < published.treeSize) {
    return { ...base, status: 'behind', rootHash: toHex(await trees.rootHash(orgId, treeSize)) };
  }
  if (!published) return { ...base, status: 'unpublished', rootHash: toHex(await trees.rootHash(orgId, treeSize)) };
  const proof = await trees.consistencyProof(orgId, published.treeSize, treeSize);
  const rootHash = toHex(proof.toRoot);
  try {
    verifyConsistency(published.treeSize, treeSize, proof.path, Buffer.from(published.rootHash, 'hex'), proof.toRoot);
    return { ...base, status: 'consistent', rootHash };
  } catch (error) {
    if (isMerkleError(error)) return { ...base, status: 'fork', rootHash };
    throw error;
  }
}
