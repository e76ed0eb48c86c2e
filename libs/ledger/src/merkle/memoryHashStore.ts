import { requireHash, sameHash } from './hasher';
import { HashReader } from './hashReader';
import { MerkleError } from './merkleError';
import { StoredNode, TreeAddress, addressKey, requireAddress } from './treeAddress';

/**
 * Stored complete-subtree hashes in memory: the reference HashReader for tests and for code that
 * keeps a small tree in memory. Like the database table it stands in for, it is append-only:
 * rewriting a node with the same hash is a no-op, with a different hash an error. Hashes are
 * copied in and out, so callers cannot alter what is stored.
 */
export class MemoryHashStore implements HashReader {
  private readonly hashes = new Map<string, StoredNode>();
  private reads = 0;

  /** Number of readHashes calls so far: tests use it to check one round trip per operation. */
  get readCount(): number {
    return this.reads;
  }

  /** Number of stored nodes. */
  get size(): number {
    return this.hashes.size;
  }

  writeHashes(nodes: readonly StoredNode[]): void {
    for (const node of nodes) {
      requireAddress(node);
      requireHash(`hash at ${addressKey(node)}`, node.hash);
      const existing = this.hashes.get(addressKey(node));
      if (existing && !sameHash(existing.hash, node.hash)) {
        throw new MerkleError('MERKLE.HASH_CONFLICT', `a different hash is already stored at ${addressKey(node)}`, {
          level: node.level,
          index: node.index,
        });
      }
      if (!existing)
        this.hashes.set(addressKey(node), { level: node.level, index: node.index, hash: Uint8Array.from(node.hash) });
    }
  }

  async readHashes(addresses: readonly TreeAddress[]): Promise<Uint8Array[]> {
    this.reads++;
    return addresses.map((address) => {
      const node = this.hashes.get(addressKey(address));
      if (!node) {
        throw new MerkleError('MERKLE.MISSING_HASH', `no hash stored at ${addressKey(address)}`, {
          level: address.level,
          index: address.index,
        });
      }
      return Uint8Array.from(node.hash);
    });
  }

  /** Every stored node (copies), ordered by level then index. */
  nodes(): StoredNode[] {
    return [...this.hashes.values()]
      .map((node) => ({ ...node, hash: Uint8Array.from(node.hash) }))
      .sort((a, b) => a.level - b.level || a.index - b.index);
  }
}
