import { metrics, type Meter } from '@opentelemetry/api';
import { LedgerError } from '../errors/ledgerError';
import type { CheckpointComparison } from './checkpointCheck';

export const SIGNING_REFUSED_METRIC = 'ledger.tree_head.signing_refused';

/** The one line a refusal or its end is logged with: ids and sizes, no content. */
export interface RefusalLog {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

/** Signing was refused: the database tree contradicts the org's latest published head. */
export class TreeHeadRefusedError extends LedgerError {
  constructor(readonly comparison: CheckpointComparison) {
    super(
      'LEDGER.TREE_HEAD_REFUSED',
      `org ${comparison.orgId}: tree head signing refused (${comparison.status}: database tree size ` +
        `${comparison.treeSize}, published tree size ${comparison.published?.treeSize ?? 'none'}); see runbooks/restore-fork.md`,
      {
        orgId: comparison.orgId,
        status: comparison.status,
        treeSize: comparison.treeSize,
        publishedTreeSize: comparison.published?.treeSize,
      },
    );
    this.name = 'TreeHeadRefusedError';
  }
}

/**
 * The orgs whose signing is refused, as the gauge `ledger.tree_head.signing_refused` (a count,
 * no org label: the log line names the org). The gauge exists from construction, at 0, so an
 * alert on it has a series before anything is refused. A refusal is logged when it starts and
 * when it ends, not on every refused attempt.
 */
export class SigningRefusals {
  private readonly refused = new Set<string>();

  constructor(
    private readonly log?: RefusalLog,
    meter: Meter = metrics.getMeter('@ledger/ledger'),
  ) {
    meter
      .createObservableGauge(SIGNING_REFUSED_METRIC, {
        description: 'Orgs whose tree head signing is refused because the database contradicts the published head',
        unit: '{org}',
      })
      .addCallback((result) => result.observe(this.refused.size));
  }

  /** Records the outcome of a check before signing. */
  observe(comparison: CheckpointComparison, refused: boolean): void {
    const { orgId, status, treeSize } = comparison;
    const fields = { orgId, status, treeSize, publishedTreeSize: comparison.published?.treeSize };
    if (refused && !this.refused.has(orgId)) {
      this.refused.add(orgId);
      this.log?.warn(fields, 'tree head signing refused: the database contradicts the published head');
    } else if (!refused && this.refused.delete(orgId)) {
      this.log?.info(fields, 'tree head signing resumed');
    }
  }

  count(): number {
    return this.refused.size;
  }

  isRefused(orgId: string): boolean {
    return this.refused.has(orgId);
  }
}
