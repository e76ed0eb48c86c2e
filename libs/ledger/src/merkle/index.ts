export {
  HASH_SIZE,
  LEAF_HASH_PREFIX,
  NODE_HASH_PREFIX,
  emptyRoot,
  leafHash,
  nodeHash,
  requireHash,
  sameHash,
  toHex,
} from './hasher';
export { MerkleError, isMerkleError, type MerkleErrorCode, type MerkleErrorDetails } from './merkleError';
export { addressKey, isCompleteAt, leafSpan, type StoredNode, type TreeAddress } from './treeAddress';
export { readHashesChecked, type HashReader } from './hashReader';
export { foldSubtreeHashes, hashSubtrees, subtreeAddresses, type LeafRange } from './subtree';
export {
  appendLeaves,
  appendSiblingAddresses,
  computeStoredHashes,
  storedHashesForLeaf,
  storedHashesForLeaves,
  type AppendResult,
} from './storedHashes';
export { treeHash, treeHashAddresses } from './treeHash';
export { inclusionProof, inclusionProofRanges } from './inclusionProof';
export { consistencyProof, consistencyProofRanges } from './consistencyProof';
export {
  consistencyProofSize,
  inclusionProofSize,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from './verify';
export { MemoryHashStore } from './memoryHashStore';
