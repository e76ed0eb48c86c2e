import type { MeetingPrepDeps } from './meetingPrepDeps';

/**
 * Waits until the read models have applied every event the org had sequenced when the call
 * began: a claim or an email recorded by another service just before is then part of the brief.
 * A timeout is not an error: the brief is composed from one consistent snapshot either way, and
 * records which sequence number it read (`readModelSeq`).
 */
export async function catchUp(deps: Pick<MeetingPrepDeps, 'pool' | 'waiter'>, orgId: string): Promise<boolean> {
  const { rows } = await deps.pool.query<{ position: string }>(
    'SELECT position FROM ledger_log WHERE org_id = $1 ORDER BY org_seq DESC LIMIT 1',
    [orgId],
  );
  if (rows.length === 0) return true;
  return deps.waiter.waitFor(orgId, [Number(rows[0].position)]);
}
