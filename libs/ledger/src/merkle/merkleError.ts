/**
 * Stable codes for every failure of the Merkle tree code. Callers branch on `code`, never on
 * the message: messages carry the numbers (indexes, sizes, hashes) for people and may change.
 */
export type MerkleErrorCode =
  | 'MERKLE.INVALID_ARGUMENT'
  | 'MERKLE.INDEX_OUT_OF_RANGE'
  | 'MERKLE.SIZE_OUT_OF_RANGE'
  | 'MERKLE.BAD_HASH_SIZE'
  | 'MERKLE.BAD_PROOF_SIZE'
  | 'MERKLE.INCLUSION_MISMATCH'
  | 'MERKLE.CONSISTENCY_MISMATCH'
  | 'MERKLE.MISSING_HASH'
  | 'MERKLE.HASH_CONFLICT';

/** Values worth reporting with an error, kept apart from the message so code can read them. */
export type MerkleErrorDetails = Readonly<Record<string, number | string>>;

export class MerkleError extends Error {
  override readonly name = 'MerkleError';

  constructor(
    readonly code: MerkleErrorCode,
    message: string,
    readonly details: MerkleErrorDetails = {},
  ) {
    super(`${code}: ${message}`);
  }
}

/** Narrows an unknown thrown value, optionally to one code. */
export function isMerkleError(value: unknown, code?: MerkleErrorCode): value is MerkleError {
  return value instanceof MerkleError && (code === undefined || value.code === code);
}
