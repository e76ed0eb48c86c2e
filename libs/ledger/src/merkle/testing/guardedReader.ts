import { HashReader } from '../hashReader';
import { TreeAddress, isCompleteAt } from '../treeAddress';

/**
 * Wraps a reader holding a larger tree so it behaves as the tree of `treeSize` leaves: reading a
 * node that is not complete at that size fails the test. Counts calls and addresses read.
 */
export class GuardedReader implements HashReader {
  calls = 0;
  addressesRead = 0;

  constructor(
    private readonly inner: HashReader,
    private readonly treeSize: number,
  ) {}

  async readHashes(addresses: readonly TreeAddress[]): Promise<Uint8Array[]> {
    this.calls++;
    this.addressesRead += addresses.length;
    const early = addresses.find((address) => !isCompleteAt(address, this.treeSize));
    if (early) throw new Error(`read ${early.level}/${early.index}, not complete at size ${this.treeSize}`);
    return this.inner.readHashes(addresses);
  }
}
