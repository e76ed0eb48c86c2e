import type { PoolClient } from 'pg';
import type { Ledger } from '../ledger';
import type { JsonObject } from '../events/types';
import type { DueStream } from './dueStreams';
import { scopeData } from './holdRows';
import { REGULATION_FLOORS, type HoldScope, type Regulation } from './retentionTypes';

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

/** `RetentionClassSet`'s clear data (contracts/events/RetentionClassSet.v1.schema.json). */
export function retentionClassSetData(
  set: { category: string; regulation: Regulation; durationMonths: number },
  previous: { regulation: string; durationMonths: number } | null,
): JsonObject {
  return {
    category: set.category,
    regulation: set.regulation,
    durationMonths: set.durationMonths,
    floorMonths: REGULATION_FLOORS[set.regulation],
    previous,
  };
}

/** `LegalHoldPlaced`'s clear data: the hold id and its scope, ids and times only. */
export function legalHoldPlacedData(holdId: string, scope: HoldScope): JsonObject {
  return { holdId, ...scopeData(scope) };
}

export function legalHoldReleasedData(holdId: string): JsonObject {
  return { holdId };
}

/** `RetentionShredded`'s clear data: which stream, under which class, and why it was due. */
export function retentionShreddedData(stream: DueStream, sweepId: string): JsonObject {
  return {
    streamId: stream.streamId,
    category: stream.category,
    regulation: stream.regulation,
    durationMonths: stream.durationMonths,
    lastEventAt: stream.lastEventAt.toISOString(),
    retainedUntil: stream.retainedUntil.toISOString(),
    sweepId,
  };
}
