import type { EventStore } from '@ledger/ledger';

/** Events [start, end) by org_seq. */
export interface OrgSeqRange {
  start: number;
  end: number;
}

/**
 * The smallest contiguous org_seq range under `treeSize` holding every event recorded in [from, to).
 * The ledger, not the trail projection, decides what an export holds: a lagging projection must
 * not shorten an examiner's bundle. org_seq follows commit order while recorded_at is the
 * appending process's clock, so the two can interleave slightly at the edges: the range spans
 * the first to the last event recorded in [from, to), and the trail files then select exactly.
 */
export async function orgSeqRange(
  ledger: Pick<EventStore, 'orgSeqBoundsRecorded'>,
  orgId: string,
  time: { from: Date; to: Date },
  treeSize: number,
): Promise<OrgSeqRange> {
  const bounds = await ledger.orgSeqBoundsRecorded(orgId, { from: time.from, to: time.to, before: treeSize });
  // Nothing recorded then: an empty range at the end of the signed tree still proves the tree.
  if (bounds === null) return { start: treeSize, end: treeSize };
  return { start: bounds.first, end: bounds.last + 1 };
}
