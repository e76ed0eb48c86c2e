import { HASH_SIZE, requireHash } from './hasher';
import { MerkleError } from './merkleError';
import { TreeAddress, addressKey } from './treeAddress';

/**
 * Reads stored complete-subtree hashes, like tlog's HashReader. Every operation here first works
 * out all the addresses it needs and then calls readHashes once, so a database implementation
 * answers each operation with one round trip (for example `WHERE (level, index) IN (...)`).
 *
 * Contract: resolve to exactly one 32-byte hash per address, in the order of `addresses`
 * (addresses may repeat); reject if any is not stored.
 */
export interface HashReader {
  readHashes(addresses: readonly TreeAddress[]): Promise<Uint8Array[]>;
}

/**
 * Calls `reader` once (not at all when nothing is needed) and checks its side of the contract:
 * one hash of the right size per address.
 */
export async function readHashesChecked(reader: HashReader, addresses: readonly TreeAddress[]): Promise<Uint8Array[]> {
  if (addresses.length === 0) return [];
  const hashes = await reader.readHashes(addresses);
  if (hashes.length !== addresses.length) {
    throw new MerkleError(
      'MERKLE.MISSING_HASH',
      `hash reader returned ${hashes.length} hashes for ${addresses.length} addresses`,
      { requested: addresses.length, returned: hashes.length },
    );
  }
  hashes.forEach((hash, position) => {
    // The name is built only for a hash that fails: this runs for every hash of every proof.
    if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
      requireHash(`stored hash ${addressKey(addresses[position])}`, hash);
    }
  });
  return hashes;
}
