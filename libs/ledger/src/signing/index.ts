export {
  TREE_HEAD_KIND,
  TREE_HEAD_VERSION,
  treeHeadSigningBytes,
  type SignedTreeHead,
  type TreeHead,
} from './treeHead';
export { SigningKeyError, type PublicSigningKey, type SigningKey, type SigningKeyProvider } from './signingKeys';
export {
  Ed25519KeyRing,
  SIGNING_KEYS_VARIABLE,
  exportSeed,
  parseSigningKeys,
  type KeyRingEntry,
} from './ed25519KeyRing';
export { checkTreeHeadSignature, type TreeHeadProblem } from './verifyTreeHead';
export {
  TREE_HEADS_TABLE,
  insertTreeHead,
  latestSignedSize,
  orgsDueForHead,
  readTreeHeads,
  stalestLatestHead,
} from './treeHeadStore';
export { DEFAULT_RESIGN_AFTER_MS, TreeHeadPublisher, type TreeHeadPublisherOptions } from './treeHeadPublisher';
export { TREE_HEAD_AGE_METRIC, TreeHeadAge } from './treeHeadAge';
export { TreeHeadScheduler, type DueHeadPublisher, type TreeHeadSchedulerOptions } from './treeHeadScheduler';
export { PUBLIC_KEYS_VARIABLE, loadTrustedKeys, parsePublicKeys, parseTrustedKeys } from './publicKeys';
export {
  CHECKPOINT_DIR_VARIABLE,
  DirectoryCheckpointStore,
  type CheckpointStore,
  type RetiredCheckpoint,
} from './checkpointStore';
export { compareWithCheckpoint, maySign, type CheckpointComparison, type CheckpointStatus } from './checkpointCheck';
export { SIGNING_REFUSED_METRIC, SigningRefusals, TreeHeadRefusedError, type RefusalLog } from './signingRefusals';
export {
  FORK_DECLARATION_STREAM,
  FORK_DECLARED_EVENT,
  declareFork,
  type ForkDeclaration,
  type ForkDeclarationInput,
} from './forkDeclaration';
