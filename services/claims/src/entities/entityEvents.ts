import type { SpanReference } from '../spans/spanReference';

/** Event types of an `entity-<id>` stream, schema version 1. Labels (names) are personal. */
export const ENTITY_CREATED = 'EntityCreated';
export const MENTION_ADDED = 'MentionAdded';
export const MENTION_RETRACTED = 'MentionRetracted';

export const ENTITY_STREAM_CATEGORY = 'entity';

export function entityStreamId(entityId: string): string {
  return `${ENTITY_STREAM_CATEGORY}-${entityId}`;
}

export type EntityEvent =
  | { type: typeof ENTITY_CREATED; data: { entityId: string; kind: string }; personal: { label: string } }
  | { type: typeof MENTION_ADDED; data: { entityId: string; mentionId: string; span: SpanReference } }
  | { type: typeof MENTION_RETRACTED; data: { entityId: string; mentionId: string; reason: string } };
