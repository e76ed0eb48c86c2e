import { nodeHash, requireHash } from './hasher';
import { HashReader, readHashesChecked } from './hashReader';
import { MerkleError } from './merkleError';
import { foldSubtreeHashes, subtreeAddresses } from './subtree';
import { StoredNode, TreeAddress, addressKey } from './treeAddress';
import { isOdd, requireCount, shiftRight } from './treeMath';

/*
 * What to store when leaves are appended (tlog's StoredHashes). Appending leaf n stores the leaf
 * hash at (0, n) and one node per level it completes: while the index is odd, the node is the
 * right child of a parent that is now complete. Its left sibling is a node of the tree's right
 * edge before the append (the complete subtrees of size n, one per set bit of n):
 *
 *   append leaf 7 (n = 7 = 0b111):  (0,7); (1,3) = NODE((0,6), (0,7));
 *                                   (2,1) = NODE((1,2), (1,3)); (3,0) = NODE((2,0), (2,1))
 *
 * So an append of c leaves reads at most one stored hash per level (in one batch) and computes
 * O(c + log n) new nodes; nothing already stored changes.
 */

/** New nodes to store and the root of the grown tree. */
export interface AppendResult {
  readonly nodes: StoredNode[];
  readonly root: Uint8Array;
}

/**
 * The stored nodes of the tree of `treeSize` leaves that appending `count` leaves combines with:
 * the right edge nodes whose parent becomes complete by size treeSize + count. Ascending level.
 */
export function appendSiblingAddresses(treeSize: number, count: number): TreeAddress[] {
  requireCount('treeSize', treeSize);
  requireCount('count', count);
  const addresses: TreeAddress[] = [];
  for (let level = 0; 2 ** level <= treeSize; level++) {
    const position = shiftRight(treeSize, level);
    const parentEnd = (shiftRight(treeSize, level + 1) + 1) * 2 ** (level + 1);
    if (isOdd(position) && parentEnd <= treeSize + count) addresses.push({ level, index: position - 1 });
  }
  return addresses;
}

/**
 * Pure core of appending: the nodes to store when `leafHashes` become leaves treeSize,
 * treeSize + 1, ..., given the right edge nodes listed by appendSiblingAddresses (more right edge
 * nodes are accepted and ignored). Nodes come leaf by leaf, each leaf followed by the nodes it
 * completes, lowest level first.
 */
export function computeStoredHashes(
  treeSize: number,
  leafHashes: readonly Uint8Array[],
  siblings: readonly StoredNode[],
): StoredNode[] {
  return extendRightEdge(treeSize, leafHashes, rightEdgeByLevel(treeSize, siblings));
}

/** The nodes to store when appending one leaf to a tree of `treeSize` leaves (one batch read). */
export async function storedHashesForLeaf(
  treeSize: number,
  leafHash: Uint8Array,
  reader: HashReader,
): Promise<StoredNode[]> {
  return storedHashesForLeaves(treeSize, [leafHash], reader);
}

/** The nodes to store when appending `leafHashes` to a tree of `treeSize` leaves (one batch read). */
export async function storedHashesForLeaves(
  treeSize: number,
  leafHashes: readonly Uint8Array[],
  reader: HashReader,
): Promise<StoredNode[]> {
  const addresses = appendSiblingAddresses(treeSize, leafHashes.length);
  const hashes = await readHashesChecked(reader, addresses);
  return computeStoredHashes(treeSize, leafHashes, withHashes(addresses, hashes));
}

/**
 * Like storedHashesForLeaves, but reads the whole right edge (at most one more hash per level,
 * still one batch) so it can also return the root of the tree of treeSize + leafHashes.length
 * leaves, which a sequencer signs as the new tree head.
 */
export async function appendLeaves(
  treeSize: number,
  leafHashes: readonly Uint8Array[],
  reader: HashReader,
): Promise<AppendResult> {
  requireCount('treeSize', treeSize);
  const addresses = subtreeAddresses({ start: 0, end: treeSize });
  const hashes = await readHashesChecked(reader, addresses);
  const edge = rightEdgeByLevel(treeSize, withHashes(addresses, hashes));
  const nodes = extendRightEdge(treeSize, leafHashes, edge);
  // After the append the edge holds exactly the right edge of the grown tree: its root's parts.
  const parts = [...edge.entries()].sort(([a], [b]) => b - a).map(([, hash]) => hash);
  return { nodes, root: foldSubtreeHashes(parts) };
}

/**
 * Appends leaves to `edge` (level -> hash of the right edge node at that level), returning every
 * node created. Invariant: before each leaf, `edge` holds (at least) every right edge node that
 * this or a later leaf of the batch completes a parent with; a node leaves `edge` once it has one.
 */
function extendRightEdge(
  treeSize: number,
  leafHashes: readonly Uint8Array[],
  edge: Map<number, Uint8Array>,
): StoredNode[] {
  const nodes: StoredNode[] = [];
  leafHashes.forEach((leaf, offset) => {
    requireHash(`leaf hash ${offset}`, leaf);
    let node: StoredNode = { level: 0, index: treeSize + offset, hash: leaf };
    nodes.push(node);
    while (isOdd(node.index)) {
      const left = edge.get(node.level);
      if (!left) throw missingSibling(node.level, node.index - 1);
      edge.delete(node.level);
      node = { level: node.level + 1, index: (node.index - 1) / 2, hash: nodeHash(left, node.hash) };
      nodes.push(node);
    }
    edge.set(node.level, node.hash);
  });
  return nodes;
}

/** Indexes `nodes` by level after checking each is on the right edge of the tree of `treeSize`. */
function rightEdgeByLevel(treeSize: number, nodes: readonly StoredNode[]): Map<number, Uint8Array> {
  requireCount('treeSize', treeSize);
  const edge = new Map<number, Uint8Array>();
  for (const node of nodes) {
    const position = shiftRight(treeSize, node.level);
    if (!isOdd(position) || node.index !== position - 1) {
      throw new MerkleError(
        'MERKLE.INVALID_ARGUMENT',
        `${addressKey(node)} is not on the right edge of tree size ${treeSize}`,
        {
          level: node.level,
          index: node.index,
          treeSize,
        },
      );
    }
    requireHash(`stored hash ${addressKey(node)}`, node.hash);
    edge.set(node.level, node.hash);
  }
  return edge;
}

function withHashes(addresses: readonly TreeAddress[], hashes: readonly Uint8Array[]): StoredNode[] {
  return addresses.map((address, position) => ({ ...address, hash: hashes[position] }));
}

function missingSibling(level: number, index: number): MerkleError {
  return new MerkleError('MERKLE.MISSING_HASH', `appending needs the stored hash at ${level}/${index}`, {
    level,
    index,
  });
}
