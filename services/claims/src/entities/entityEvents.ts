import type { SpanReference } from '../spans/spanReference';

/**
 * Event types of an `entity-<id>` stream. Labels (names) and reasons are personal: a retraction
 * is appended at schema version 2, its reason sealed; version 1 ones stay readable.
 */
export const ENTITY_CREATED = 'EntityCreated';
export const MENTION_ADDED = 'MentionAdded';
export const MENTION_RETRACTED = 'MentionRetracted';
export const MENTION_RETRACTED_VERSION = 2;

export const ENTITY_STREAM_CATEGORY = 'entity';

export function entityStreamId(entityId: string): string {
  return `${ENTITY_STREAM_CATEGORY}-${entityId}`;
}

export type EntityEvent =
  | { type: typeof ENTITY_CREATED; data: { entityId: string; kind: string }; personal: { label: string } }
  | { type: typeof MENTION_ADDED; data: { entityId: string; mentionId: string; span: SpanReference } }
  | {
      type: typeof MENTION_RETRACTED;
      schemaVersion: typeof MENTION_RETRACTED_VERSION;
      data: { entityId: string; mentionId: string };
      personal: { reason: string };
    };
