import type { PoolClient } from 'pg';
import type { JsonObject, Ledger } from '@ledger/ledger';

/** Every operator action on projections lands in this stream of the org it touched. */
export const PROJECTION_AUDIT_STREAM = 'audit-projections';

export type ProjectionAuditType =
  'ProjectionRebuildStarted' | 'ProjectionRebuildFinished' | 'ProjectionSkipped' | 'ProjectionResumed';

/**
 * A skip is appended at schema version 2: its reason is the operator's free text, sealed. The
 * other actions carry no text and stay at version 1.
 */
export const PROJECTION_SKIPPED_VERSION = 2;

/** The sealed part and schema version of an action that carries free text. */
export interface ProjectionAuditPersonal {
  schemaVersion: number;
  personal: JsonObject;
}

/**
 * Appends an audit event naming the actor (an operator id, never a name or address). With
 * `client`, it joins that open transaction and must be its first write.
 */
export async function appendProjectionAudit(
  ledger: Ledger,
  orgId: string,
  type: ProjectionAuditType,
  actor: string,
  data: JsonObject,
  client?: PoolClient,
  sealed?: ProjectionAuditPersonal,
): Promise<string> {
  const result = await ledger.append(
    {
      orgId,
      streamId: PROJECTION_AUDIT_STREAM,
      expectedRevision: 'any',
      events: [{ type, data, ...sealed, metadata: { actor } }],
    },
    client,
  );
  return result.eventIds[0];
}
