import type { MeetingPrepDeps } from '../meetingPrep.deps';

/**
 * Waits until the read models have applied every event the org had sequenced when the call
 * began: a claim or an email recorded by another service just before is then part of the brief.
 * A timeout is not an error: the brief is composed from one consistent snapshot either way, and
 * records which sequence number it read (`readModelSeq`).
 */
export async function catchUp(deps: Pick<MeetingPrepDeps, 'ledger' | 'waiter'>, orgId: string): Promise<boolean> {
  const position = await deps.ledger.lastSequencedPosition(orgId);
  if (position === null) return true;
  return deps.waiter.waitFor(orgId, [position]);
}
