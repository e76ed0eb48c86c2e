import { HashReader } from './hashReader';
import { MerkleError } from './merkleError';
import { LeafRange, hashSubtrees } from './subtree';
import { largestPowerOfTwoBelow, requireCount } from './treeMath';

/*
 * RFC 6962 section 2.1.1. With k the largest power of two smaller than n:
 *
 *   PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])   for m < k
 *   PATH(m, D[n]) = PATH(m - k, D[k:n]) : MTH(D[0:k])   for m >= k
 *   PATH(0, {d(0)}) = {}
 *
 * Walking down from the root, each step records the sibling subtree the leaf is not in; the proof
 * lists them bottom-up. Every sibling is complete except possibly the one right border subtree,
 * which is folded from complete ones (see subtree.ts).
 */

/** The subtrees whose hashes make up the inclusion proof of leaf `index`, in proof order. */
export function inclusionProofRanges(index: number, treeSize: number): LeafRange[] {
  requireLeafIndex(index, treeSize);
  const siblings: LeafRange[] = [];
  let start = 0;
  let end = treeSize;
  while (end - start > 1) {
    const split = start + largestPowerOfTwoBelow(end - start);
    if (index < split) {
      siblings.push({ start: split, end });
      end = split;
    } else {
      siblings.push({ start, end: split });
      start = split;
    }
  }
  return siblings.reverse();
}

/**
 * The audit path proving that leaf `index` is in the tree of `treeSize` leaves, exactly as RFC
 * 6962 PATH; all stored hashes it needs are read in one batch. Requires index < treeSize.
 */
export async function inclusionProof(index: number, treeSize: number, reader: HashReader): Promise<Uint8Array[]> {
  return hashSubtrees(inclusionProofRanges(index, treeSize), reader);
}

function requireLeafIndex(index: number, treeSize: number): void {
  requireCount('index', index);
  requireCount('treeSize', treeSize);
  if (index >= treeSize) {
    throw new MerkleError('MERKLE.INDEX_OUT_OF_RANGE', `leaf index ${index} is not below tree size ${treeSize}`, {
      index,
      treeSize,
    });
  }
}
