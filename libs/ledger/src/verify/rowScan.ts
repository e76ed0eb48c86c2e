import { toHex } from '../merkle/hasher';
import { checkRow, recomputeLeaf } from './checkRow';
import { CompactRange } from './compactRange';
import type { OrgRow } from './orgRows';
import type { LeafMismatch } from './treeAlignment';
import type { VerificationFinding } from './verificationReport';

/**
 * The streaming half of verification: checks each row as it arrives, folds the recomputed leaves
 * into the roots at the signed sizes, and keeps (up to `limit`) the rows that disagree with the
 * tree's leaves for alignWithTree. Memory: O(log n) for the roots plus the kept findings.
 */
export class RowScan {
  readonly findings: VerificationFinding[] = [];
  readonly mismatches = new Map<number, LeafMismatch>();
  /** Hex roots of the recomputed tree at each signed size reached. */
  readonly roots = new Map<number, string>();
  truncated = false;
  private readonly range = new CompactRange();
  private readonly sizes: number[];
  private expected = 0;
  private rows = 0;

  constructor(
    signedSizes: readonly number[],
    private readonly limit: number,
  ) {
    this.sizes = [...new Set(signedSizes)].sort((a, b) => a - b);
    this.recordRoots();
  }

  /** Rows seen so far. */
  get count(): number {
    return this.rows;
  }

  /** The org_seq after the last row seen. */
  get nextSeq(): number {
    return this.expected;
  }

  add(row: OrgRow): void {
    const seq = Number(row.org_seq);
    for (let missing = this.expected; missing < seq; missing++) {
      this.report({ kind: 'removed', orgSeq: missing, reason: 'sequence_gap' });
    }
    this.expected = seq + 1;
    this.rows++;
    const leaf = recomputeLeaf(row);
    const problems = checkRow(row, leaf);
    if (problems.length > 0) {
      this.report({ kind: 'modified', orgSeq: seq, reason: problems.join(',') });
    } else if (row.tree_leaf !== null && !row.tree_leaf.equals(leaf)) {
      // No tree leaf means one of the latest leaves, whose tile is not full yet: the tree keeps
      // no copy of it, so only the signed roots vouch for that row.
      if (this.mismatches.size < this.limit) this.mismatches.set(seq, { row: leaf, tree: row.tree_leaf });
      else this.truncated = true;
    }
    this.range.append(leaf);
    this.recordRoots();
  }

  private recordRoots(): void {
    while (this.sizes.length > 0 && this.sizes[0] === this.range.size) {
      this.roots.set(this.sizes.shift()!, toHex(this.range.root()));
    }
  }

  private report(finding: VerificationFinding): void {
    if (this.findings.length < this.limit) this.findings.push(finding);
    else this.truncated = true;
  }
}
