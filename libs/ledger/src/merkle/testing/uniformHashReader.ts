import { createHash } from 'node:crypto';
import { HashReader } from '../hashReader';
import { TreeAddress } from '../treeAddress';

/**
 * The stored hashes of a tree whose leaves are all the same: every node at level L has the same
 * hash, so trees of 2^40 leaves and more cost nothing to "store". Checks arithmetic beyond 32 bits.
 */
export class UniformHashReader implements HashReader {
  private readonly levels: Uint8Array[] = [];

  constructor(readonly leafHash: Uint8Array) {
    this.levels.push(leafHash);
  }

  async readHashes(addresses: readonly TreeAddress[]): Promise<Uint8Array[]> {
    return addresses.map((address) => this.hashAt(address.level));
  }

  /** The hash of every complete subtree at `level`. */
  hashAt(level: number): Uint8Array {
    while (this.levels.length <= level) {
      const below = this.levels[this.levels.length - 1];
      this.levels.push(createHash('sha256').update(Uint8Array.of(1)).update(below).update(below).digest());
    }
    return Uint8Array.from(this.levels[level]);
  }
}
