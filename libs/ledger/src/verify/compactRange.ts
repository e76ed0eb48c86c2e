import { emptyRoot, nodeHash } from '../merkle/hasher';
import { foldSubtreeHashes } from '../merkle/subtree';

/**
 * The right edge of an RFC 6962 tree being built leaf by leaf: one complete subtree per set bit
 * of the size, so memory is O(log n) however many leaves stream through, and the root of the
 * current size is one fold away.
 */
export class CompactRange {
  private readonly edge: { size: number; hash: Uint8Array }[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  append(leaf: Uint8Array): void {
    let node = { size: 1, hash: leaf };
    while (this.edge.length > 0 && this.edge[this.edge.length - 1].size === node.size) {
      const left = this.edge.pop()!;
      node = { size: node.size * 2, hash: nodeHash(left.hash, node.hash) };
    }
    this.edge.push(node);
    this.count++;
  }

  root(): Uint8Array {
    return this.count === 0 ? emptyRoot() : foldSubtreeHashes(this.edge.map((node) => node.hash));
  }
}
