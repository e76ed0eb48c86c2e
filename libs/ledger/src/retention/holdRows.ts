import type { JsonObject } from '../events/types';
import type { HoldScope, LegalHold, Regulation, RetentionClass } from './retentionTypes';

export interface HoldRow {
  org_id: string;
  hold_id: string;
  scope: HoldScope['kind'];
  stream_id: string | null;
  category: string | null;
  entity_id: string | null;
  from_at: Date | null;
  to_at: Date | null;
  placed_at: Date;
  placed_by: string;
  released_at: Date | null;
  released_by: string | null;
}

export interface ClassRow {
  org_id: string;
  category: string;
  regulation: Regulation;
  duration_months: number;
  set_at: Date;
  set_event_id: string;
}

export function holdOf(row: HoldRow): LegalHold {
  return {
    orgId: row.org_id,
    holdId: row.hold_id,
    scope: scopeOf(row),
    placedAt: row.placed_at,
    placedBy: row.placed_by,
    releasedAt: row.released_at,
    releasedBy: row.released_by,
  };
}

function scopeOf(row: HoldRow): HoldScope {
  switch (row.scope) {
    case 'stream':
      return { kind: 'stream', streamId: row.stream_id as string };
    case 'category':
      return { kind: 'category', category: row.category as string };
    case 'entity':
      return { kind: 'entity', entityId: row.entity_id as string };
    case 'time-range':
      return { kind: 'time-range', from: row.from_at as Date, to: row.to_at as Date };
  }
}

/** The scope's columns, null where the kind has none. */
export function scopeColumns(
  scope: HoldScope,
): [string | null, string | null, string | null, Date | null, Date | null] {
  return [
    scope.kind === 'stream' ? scope.streamId : null,
    scope.kind === 'category' ? scope.category : null,
    scope.kind === 'entity' ? scope.entityId : null,
    scope.kind === 'time-range' ? scope.from : null,
    scope.kind === 'time-range' ? scope.to : null,
  ];
}

/** The scope as the event's clear data: ids and times only. */
export function scopeData(scope: HoldScope): JsonObject {
  const [streamId, category, entityId, from, to] = scopeColumns(scope);
  return {
    scope: scope.kind,
    streamId,
    category,
    entityId,
    from: from?.toISOString() ?? null,
    to: to?.toISOString() ?? null,
  };
}

export function classOf(row: ClassRow): RetentionClass {
  return {
    orgId: row.org_id,
    category: row.category,
    regulation: row.regulation,
    durationMonths: row.duration_months,
    setAt: row.set_at,
    setEventId: row.set_event_id,
  };
}
