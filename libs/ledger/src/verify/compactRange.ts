import { emptyRoot, HASH_SIZE, NODE_HASH_PREFIX } from '../merkle/hasher';
import { MerkleError } from '../merkle/merkleError';
import { Preimage } from '../merkle/sha256';

// Imported bindings compile to a getter call per use; these are used per leaf, so read once.
const HASH_BYTES = HASH_SIZE;
const NODE_PREFIX = NODE_HASH_PREFIX;

/**
 * The right edge of an RFC 6962 tree being built leaf by leaf: one complete subtree per set bit
 * of the size, largest first, so memory is O(log n) however many leaves stream through, and the
 * root of the current size is one fold away. Hashes are latin1 strings (see sha256Latin1): a
 * tree hashes one node per leaf on average, as much hashing as the leaves themselves.
 */
export class CompactRange {
  private readonly edge: string[] = [];
  private readonly preimage = new Preimage(1 + 2 * HASH_BYTES);
  private count = 0;

  get size(): number {
    return this.count;
  }

  append(leaf: string): void {
    if (leaf.length !== HASH_BYTES) {
      throw new MerkleError('MERKLE.BAD_HASH_SIZE', `leaf must be ${HASH_BYTES} bytes, got ${leaf.length}`, {
        name: 'leaf',
        length: leaf.length,
      });
    }
    // Each trailing set bit of the old size is a subtree of the new leaf's size that it completes.
    let hash = leaf;
    for (let size = this.count; size % 2 === 1; size = (size - 1) / 2) {
      hash = this.preimage.hashPairLatin1(NODE_PREFIX, this.edge.pop()!, hash);
    }
    this.edge.push(hash);
    this.count++;
  }

  /** MTH of the leaves appended so far: the edge folded from the right. */
  root(): Uint8Array {
    if (this.count === 0) return emptyRoot();
    let hash = this.edge[this.edge.length - 1];
    for (let i = this.edge.length - 2; i >= 0; i--)
      hash = this.preimage.hashPairLatin1(NODE_PREFIX, this.edge[i], hash);
    return Buffer.from(hash, 'latin1');
  }
}
