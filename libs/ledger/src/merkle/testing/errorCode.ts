import { MerkleError } from '../merkleError';

/** The MerkleError code `run` throws, or 'none' when it returns. Other errors propagate. */
export function errorCode(run: () => unknown): string {
  try {
    run();
    return 'none';
  } catch (error) {
    if (error instanceof MerkleError) return error.code;
    throw error;
  }
}

/** The MerkleError code `promise` rejects with, or 'none' when it resolves. */
export async function asyncErrorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'none';
  } catch (error) {
    if (error instanceof MerkleError) return error.code;
    throw error;
  }
}

/** A copy of `bytes` with one bit flipped. */
export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[Math.floor(bit / 8) % copy.length] ^= 1 << (bit % 8);
  return copy;
}
