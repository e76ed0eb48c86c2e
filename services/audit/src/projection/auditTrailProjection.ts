import { streamCategory } from '@ledger/ledger';
import type { ProjectionDefinition, ProjectionEvent, ProjectionHandler, ProjectionTx } from '@ledger/projections';

export const AUDIT_TRAIL_PROJECTION = 'audit.trail';
export const AUDIT_TRAIL_TABLE = 'audit_trail';

/** One trail row per event: who did what to which stream, when. Payloads never reach this table. */
function recordTrailRow(event: ProjectionEvent, tx: ProjectionTx): void {
  tx.upsert(AUDIT_TRAIL_TABLE, {
    org_seq: event.orgSeq,
    event_id: event.eventId,
    stream_id: event.streamId,
    category: streamCategory(event.streamId),
    type: event.type,
    actor: event.metadata.actor,
    correlation_id: event.metadata.correlationId ?? null,
    recorded_at: event.recordedAt,
  });
}

/*
 * The trail covers every event type, including types other services add later. The runner looks
 * handlers up by type (`handlers[event.type]`), so a proxy answers every type name with the same
 * handler instead of a list that would silently go stale.
 */
const everyType: Readonly<Record<string, ProjectionHandler>> = new Proxy(
  {},
  { get: (_target, type) => (typeof type === 'string' ? recordTrailRow : undefined) },
);

/** The trail holds ids and who/when only, never payloads; its key is the org's event order. */
export const auditTrailProjection: ProjectionDefinition = {
  name: AUDIT_TRAIL_PROJECTION,
  version: 1,
  prefix: 'audit_',
  tables: [
    {
      name: AUDIT_TRAIL_TABLE,
      key: { org_seq: 'bigint' },
      columns: {
        event_id: 'text',
        stream_id: 'text',
        category: 'text',
        type: 'text',
        actor: 'text',
        correlation_id: 'text',
        recorded_at: 'timestamptz',
      },
      notNull: ['event_id', 'stream_id', 'category', 'type', 'actor', 'recorded_at'],
      // Each filter pages in org_seq order, so each index ends with org_seq.
      indexes: [
        { name: 'audit_trail_by_actor', columns: ['actor', 'org_seq'] },
        { name: 'audit_trail_by_stream', columns: ['stream_id', 'org_seq'] },
        { name: 'audit_trail_by_category', columns: ['category', 'org_seq'] },
        { name: 'audit_trail_by_type', columns: ['type', 'org_seq'] },
        { name: 'audit_trail_by_time', columns: ['recorded_at'] },
      ],
    },
  ],
  handlers: everyType,
};
