import { sameHash, toHex } from '../merkle/hasher';
import { CompactRange } from './compactRange';
import type { LeafMismatch } from './treeAlignment';
import type { VerificationFinding } from './verificationReport';

/**
 * The streaming half of verification: takes each row's check result in org_seq order, reports
 * gaps, folds the recomputed leaves into the roots at the signed sizes, and keeps (up to `limit`)
 * the rows that disagree with the tree's leaves for alignWithTree. Memory: O(log n) for the roots
 * plus the kept findings.
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

  /**
   * A row that passed every check: its leaf matches its leaf_hash and the tree's copy. Leaves are
   * latin1 strings (see sha256Latin1).
   */
  addVerified(seq: number, leaf: string): void {
    this.advanceTo(seq);
    this.range.append(leaf);
    this.recordRoots();
  }

  /**
   * A row with what its own check found wrong (empty when nothing), its recomputed leaf, and the
   * tree's copy of that leaf (null when the tree keeps none).
   */
  add(seq: number, leaf: string, problems: readonly string[], treeLeaf: Uint8Array | null): void {
    this.advanceTo(seq);
    const row = Buffer.from(leaf, 'latin1');
    if (problems.length > 0) {
      this.report({ kind: 'modified', orgSeq: seq, reason: problems.join(',') });
    } else if (treeLeaf !== null && !sameHash(treeLeaf, row)) {
      // No tree leaf means one of the latest leaves, whose tile is not full yet: the tree keeps
      // no copy of it, so only the signed roots vouch for that row.
      if (this.mismatches.size < this.limit) this.mismatches.set(seq, { row, tree: Buffer.from(treeLeaf) });
      else this.truncated = true;
    }
    this.range.append(leaf);
    this.recordRoots();
  }

  /** Reports the org_seqs skipped since the last row as removed. */
  private advanceTo(seq: number): void {
    for (let missing = this.expected; missing < seq; missing++) {
      this.report({ kind: 'removed', orgSeq: missing, reason: 'sequence_gap' });
    }
    this.expected = seq + 1;
    this.rows++;
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
