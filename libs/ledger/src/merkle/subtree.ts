import { emptyRoot, nodeHash } from './hasher';
import { HashReader, readHashesChecked } from './hashReader';
import { MerkleError } from './merkleError';
import { TreeAddress } from './treeAddress';
import { bitLength, largestPowerOfTwoAtMost, requireCount } from './treeMath';

/*
 * Subtrees of RFC 6962 trees that are not complete: the root of a tree of size n, and the right
 * border nodes MTH(D[k*2^L : n]) that proofs need. Each is the run of leaves [start, end) with
 * start a multiple of 2^L and end - start <= 2^L, so it consists of complete, stored subtrees:
 * greedily from the left, the largest power of two that fits. Their sizes strictly decrease,
 * which is exactly how RFC 6962 splits (first part = largest power of two below the size), so
 * the subtree's hash is those stored hashes folded from the right:
 *
 *   [8, 14) = (2,2) (1,6)          hash = NODE((2,2), (1,6))
 *   [0, 7)  = (2,0) (1,2) (0,6)    hash = NODE((2,0), NODE((1,2), (0,6)))
 */

/** The leaves [start, end) of a node of some RFC 6962 tree. */
export interface LeafRange {
  readonly start: number;
  readonly end: number;
}

/** The stored complete subtrees that make up `range`, left to right (largest first). */
export function subtreeAddresses(range: LeafRange): TreeAddress[] {
  requireSubtree(range);
  const addresses: TreeAddress[] = [];
  for (let start = range.start; start < range.end;) {
    const width = largestPowerOfTwoAtMost(range.end - start);
    addresses.push({ level: bitLength(width) - 1, index: start / width });
    start += width;
  }
  return addresses;
}

/** Hash of a subtree from the hashes of its complete parts, left to right (see subtreeAddresses). */
export function foldSubtreeHashes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 0) return emptyRoot();
  let hash = parts[parts.length - 1];
  for (let position = parts.length - 2; position >= 0; position--) hash = nodeHash(parts[position], hash);
  return hash;
}

/** Hashes of several subtrees, reading every stored hash they need in one batch. */
export async function hashSubtrees(ranges: readonly LeafRange[], reader: HashReader): Promise<Uint8Array[]> {
  const partsOf = ranges.map(subtreeAddresses);
  const hashes = await readHashesChecked(reader, partsOf.flat());
  let next = 0;
  return partsOf.map((parts) => {
    const slice = hashes.slice(next, next + parts.length);
    next += parts.length;
    return foldSubtreeHashes(slice);
  });
}

/**
 * Throws unless [start, end) is a node of an RFC 6962 tree: start is a multiple of the smallest
 * power of two >= end - start. The empty range [0, 0) is allowed (the empty tree).
 */
function requireSubtree(range: LeafRange): void {
  requireCount('start', range.start);
  requireCount('end', range.end);
  const width = range.end - range.start;
  const aligned = width === 0 ? range.start === 0 : range.start % largestPowerOfTwoAtMost(2 * width - 1) === 0;
  if (width < 0 || !aligned) {
    throw new MerkleError('MERKLE.INVALID_ARGUMENT', `[${range.start}, ${range.end}) is not a subtree`, {
      start: range.start,
      end: range.end,
    });
  }
}
