import { MerkleError } from './merkleError';
import { requireCount } from './treeMath';

/*
 * Storage addressing, as in golang.org/x/mod/sumdb/tlog: only complete subtrees are stored, each
 * under (level, index). Level 0 holds the leaf hashes; the node at level L, index k is the root
 * of the complete subtree over leaves [k * 2^L, (k + 1) * 2^L). Tree of 6 leaves:
 *
 *   level 2                (2,0)
 *                        /       \
 *   level 1         (1,0)         (1,1)         (1,2)
 *                   /   \         /   \         /   \
 *   level 0     (0,0) (0,1)   (0,2) (0,3)   (0,4) (0,5)
 *
 * Invariant: a stored node never changes once written, because appending leaves only creates
 * new complete subtrees to the right; it never alters one that is already complete. The root
 * of the 6-leaf tree, NODE((2,0), (1,2)), is not stored: roots and other incomplete subtrees
 * are folded from the complete subtrees they consist of whenever they are needed.
 */

/** Where a complete subtree's hash is stored. */
export interface TreeAddress {
  readonly level: number;
  readonly index: number;
}

/** A complete subtree's hash together with its address. */
export interface StoredNode extends TreeAddress {
  readonly hash: Uint8Array;
}

/** Throws unless level and index are non-negative integers and the subtree fits below 2^53. */
export function requireAddress(address: TreeAddress): void {
  requireCount('level', address.level);
  requireCount('index', address.index);
  if (!Number.isSafeInteger((address.index + 1) * 2 ** address.level)) {
    throw new MerkleError('MERKLE.INVALID_ARGUMENT', `address (${address.level}, ${address.index}) is out of range`, {
      level: address.level,
      index: address.index,
    });
  }
}

/** The first leaf of the subtree and the leaf just after it: [start, end). */
export function leafSpan(address: TreeAddress): { readonly start: number; readonly end: number } {
  const width = 2 ** address.level;
  return { start: address.index * width, end: (address.index + 1) * width };
}

/** True when the subtree at `address` is complete, hence stored, in the tree of `treeSize` leaves. */
export function isCompleteAt(address: TreeAddress, treeSize: number): boolean {
  return leafSpan(address).end <= treeSize;
}

/** A stable string key for maps, "level/index". */
export function addressKey(address: TreeAddress): string {
  return `${address.level}/${address.index}`;
}
