import type { Pool, PoolClient } from 'pg';
import { ledgerReads, type SequencedEvent } from '@ledger/ledger';
import type { ProjectionEvent } from '../definition/projectionDefinition';

function projectionEvent(event: SequencedEvent): ProjectionEvent {
  return {
    orgId: event.orgId,
    orgSeq: event.orgSeq,
    eventId: event.eventId,
    streamId: event.streamId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  };
}

/**
 * Up to `limit` sequenced events of an org after `afterSeq`, up to `uptoSeq` inclusive. The
 * ledger's dense per-org sequence is assigned once, so a checkpoint (the last applied org_seq)
 * resumes without skipping an event that committed late. Given a transaction's client, the read
 * is part of that transaction.
 */
export async function readOrgRange(
  db: Pool | PoolClient,
  orgId: string,
  afterSeq: number,
  limit: number,
  uptoSeq = Number.MAX_SAFE_INTEGER,
): Promise<ProjectionEvent[]> {
  const events = await ledgerReads(db).readOrgRange(orgId, { after: afterSeq, through: uptoSeq, limit });
  return events.map(projectionEvent);
}

/** The last sequenced per-org number of an org, -1 when it has none. */
export async function orgHead(db: Pool | PoolClient, orgId: string): Promise<number> {
  return (await ledgerReads(db).orgSize(orgId)) - 1;
}

/** When the event at `orgSeq` was recorded; for lag in seconds. */
export function recordedAtOf(db: Pool | PoolClient, orgId: string, orgSeq: number): Promise<Date | null> {
  return ledgerReads(db).recordedAt(orgId, orgSeq);
}
