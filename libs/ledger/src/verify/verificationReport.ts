/**
 * What verification found wrong, each at an exact per-org sequence number (org_seq):
 * - `modified`: the row's content is not what was hashed (canonical text vs leaf hash, typed
 *   columns vs canonical text, or a consistently rewritten row vs the leaf its tree holds);
 * - `removed`: a leaf of the tree has no row (a gap, a missing tail, or later rows renumbered);
 * - `inserted`: a row the tree has no leaf for, or one that pushed later rows up;
 * - `reordered`: two rows hold each other's place (`orgSeq` and `otherOrgSeq`);
 * - `forged_tree_head`: a signed tree head that does not verify (`reason`: bad_signature,
 *   unknown_key, outside_key_validity) or whose root matches no version of the rows;
 * - `root_mismatch`: a genuine head whose root differs because of a row finding below its size,
 *   or (reason `unlocated`) because of a change among the latest rows, which the tree keeps no
 *   copy of until their tile is full (fewer than 16 rows), so it cannot be pinned to one row.
 */
export const FINDING_KINDS = [
  'modified',
  'removed',
  'inserted',
  'reordered',
  'forged_tree_head',
  'root_mismatch',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface VerificationFinding {
  readonly kind: FindingKind;
  readonly orgSeq?: number;
  readonly otherOrgSeq?: number;
  readonly treeSize?: number;
  /** A stable reason code, such as `leaf_hash_mismatch` or `column_mismatch:actor`. */
  readonly reason: string;
}

export interface VerificationProgress {
  readonly orgId: string;
  /** Rows checked so far. */
  readonly verified: number;
  /** The org's tree size when verification started (rows may be added meanwhile). */
  readonly total: number;
}

export interface VerificationReport {
  readonly orgId: string;
  readonly ok: boolean;
  /** Rows checked. */
  readonly events: number;
  /** Signed tree heads checked. */
  readonly treeHeads: number;
  readonly findings: readonly VerificationFinding[];
  /** True when more findings existed than were kept (see maxFindings). */
  readonly truncated: boolean;
}
