import type { VerificationFinding } from './verificationReport';

/** A row whose recomputed leaf differs from the leaf its tree holds at the same org_seq. */
export interface LeafMismatch {
  /** Leaf hash recomputed from the row's canonical text. */
  readonly row: Buffer;
  /** The tree's leaf at that position; null when the tree has none there. */
  readonly tree: Buffer | null;
}

export interface AlignmentResult {
  readonly findings: VerificationFinding[];
  /** True when the rows were renumbered, so the tree's unmatched tail is already explained. */
  readonly shifted: boolean;
}

/**
 * Explains leaf mismatches by comparing the rows with the tree, which holds an independent copy
 * of every leaf at its original position. Scanning from the first mismatch k:
 * - two rows holding each other's leaves were swapped (reordered pair);
 * - row k holding the tree's next leaf means a row was removed at k and later rows renumbered;
 * - the next row holding the tree's leaf k means a row was inserted at k;
 * - otherwise row k was rewritten (with a matching leaf hash) and the scan goes on.
 * `tail` holds the tree's leaves past the last row.
 */
export function alignWithTree(
  mismatches: ReadonlyMap<number, LeafMismatch>,
  tail: ReadonlyMap<number, Buffer>,
): AlignmentResult {
  const seqOfTreeLeaf = new Map<string, number>();
  for (const [seq, m] of mismatches) if (m.tree) seqOfTreeLeaf.set(m.tree.toString('hex'), seq);
  const treeAt = (seq: number) => mismatches.get(seq)?.tree ?? tail.get(seq) ?? null;
  const findings: VerificationFinding[] = [];
  const handled = new Set<number>();
  for (const k of [...mismatches.keys()].sort((a, b) => a - b)) {
    if (handled.has(k)) continue;
    const m = mismatches.get(k)!;
    if (m.tree === null) {
      findings.push({ kind: 'inserted', orgSeq: k, reason: 'no_leaf_in_tree' });
      continue;
    }
    const j = seqOfTreeLeaf.get(m.row.toString('hex'));
    if (j !== undefined && j !== k && mismatches.get(j)!.row.equals(m.tree)) {
      findings.push({ kind: 'reordered', orgSeq: Math.min(j, k), otherOrgSeq: Math.max(j, k), reason: 'rows_swapped' });
      handled.add(j);
      continue;
    }
    if (treeAt(k + 1)?.equals(m.row)) {
      findings.push({ kind: 'removed', orgSeq: k, reason: 'later_rows_renumbered' });
      return { findings, shifted: true };
    }
    if (mismatches.get(k + 1)?.row.equals(m.tree)) {
      findings.push({ kind: 'inserted', orgSeq: k, reason: 'later_rows_renumbered' });
      return { findings, shifted: true };
    }
    findings.push({ kind: 'modified', orgSeq: k, reason: 'row_differs_from_tree_leaf' });
  }
  return { findings, shifted: false };
}
