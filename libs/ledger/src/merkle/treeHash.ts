import { HashReader } from './hashReader';
import { hashSubtrees, subtreeAddresses } from './subtree';
import { TreeAddress } from './treeAddress';
import { requireCount } from './treeMath';

/**
 * The stored subtrees the root of a tree of `treeSize` leaves is folded from: one per set bit
 * of treeSize, largest first (the tree's right edge). Empty for the empty tree.
 */
export function treeHashAddresses(treeSize: number): TreeAddress[] {
  requireCount('treeSize', treeSize);
  return subtreeAddresses({ start: 0, end: treeSize });
}

/**
 * RFC 6962 MTH of the first `treeSize` leaves, from at most log2(treeSize) + 1 stored hashes read
 * in one batch. The empty tree's root is SHA-256("") and needs no read.
 */
export async function treeHash(treeSize: number, reader: HashReader): Promise<Uint8Array> {
  requireCount('treeSize', treeSize);
  const [root] = await hashSubtrees([{ start: 0, end: treeSize }], reader);
  return root;
}
