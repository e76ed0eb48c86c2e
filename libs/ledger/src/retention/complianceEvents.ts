import type { PoolClient } from 'pg';
import type { Ledger } from '../ledger';
import type { JsonObject } from '../events/types';

/** Retention class changes and legal holds of an org, in order: the authoritative record. */
export const COMPLIANCE_STREAM = 'audit-compliance';

/** Each sweep run of an org records its shreds in its own stream, named by the run's id. */
export const sweepStream = (sweepId: string): string => `audit-retention-${sweepId}`;

export type ComplianceEventType = 'RetentionClassSet' | 'LegalHoldPlaced' | 'LegalHoldReleased' | 'RetentionShredded';

/**
 * Appends a compliance action's event as the first write of the caller's transaction, so the
 * table row written next exists exactly when its event does. The free-text reason is sealed.
 */
export async function appendComplianceEvent(
  ledger: Ledger,
  client: PoolClient,
  orgId: string,
  type: ComplianceEventType,
  actor: string,
  data: JsonObject,
  reason: string,
): Promise<string> {
  const result = await ledger.append(
    {
      orgId,
      streamId: COMPLIANCE_STREAM,
      expectedRevision: 'any',
      events: [{ type, data, personal: { reason }, metadata: { actor } }],
    },
    client,
  );
  return result.eventIds[0];
}
