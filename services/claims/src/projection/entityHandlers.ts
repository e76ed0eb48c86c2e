import type { OwnHandlers, ProjectionHandler } from '@ledger/projections';
import { ENTITY_CREATED, MENTION_ADDED, MENTION_RETRACTED, ENTITY_STREAM_CATEGORY } from '../entities/entityEvents';
import { readSpanReference } from '@ledger/contracts';
import { inCategory, text } from './tolerantReader';

const created: ProjectionHandler = (event, tx) => {
  if (!inCategory(event.streamId, ENTITY_STREAM_CATEGORY)) return;
  const entityId = text(event.data, 'entityId');
  const kind = text(event.data, 'kind');
  if (entityId === null || kind === null) return;
  // The label is personal: the row keeps the id of the event whose encrypted part holds it.
  tx.upsert('claims_entities', {
    entity_id: entityId,
    kind,
    created_event_id: event.eventId,
    created_at: event.recordedAt,
    revision: 0,
  });
};

const mentionAdded: ProjectionHandler = (event, tx) => {
  if (!inCategory(event.streamId, ENTITY_STREAM_CATEGORY)) return;
  const entityId = text(event.data, 'entityId');
  const mentionId = text(event.data, 'mentionId');
  const span = readSpanReference(event.data.span);
  if (entityId === null || mentionId === null || span === null) return;
  tx.upsert('claims_mentions', {
    entity_id: entityId,
    mention_id: mentionId,
    span_id: span.spanId,
    document_id: span.documentId,
    document_version_id: span.documentVersionId,
    start_char: span.startChar,
    end_char: span.endChar,
    added_at: event.recordedAt,
    added_seq: event.orgSeq,
    retracted: false,
  });
  tx.increment('claims_entities', { entity_id: entityId }, { revision: 1 });
};

const mentionRetracted: ProjectionHandler = (event, tx) => {
  if (!inCategory(event.streamId, ENTITY_STREAM_CATEGORY)) return;
  const entityId = text(event.data, 'entityId');
  const mentionId = text(event.data, 'mentionId');
  if (entityId === null || mentionId === null) return;
  tx.upsert('claims_mentions', {
    entity_id: entityId,
    mention_id: mentionId,
    retracted: true,
    // The reason is personal (sealed since v2): the row keeps the event that holds it.
    retracted_event_id: event.eventId,
    retracted_at: event.recordedAt,
  });
  tx.increment('claims_entities', { entity_id: entityId }, { revision: 1 });
};

export const entityHandlers = {
  [ENTITY_CREATED]: created,
  [MENTION_ADDED]: mentionAdded,
  [MENTION_RETRACTED]: mentionRetracted,
} satisfies OwnHandlers<'claims'>;
