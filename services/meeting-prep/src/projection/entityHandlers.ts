import type { FollowedHandlers, ProjectionEvent, ProjectionHandler } from '@ledger/projections';
import type { MeetingPrepFollows } from '../meetingPrep.descriptor';
import { categoryOf, spanField, textField } from './eventFields';
import { ENTITIES, MENTIONS } from './tables';

/** Only the claims service's `entity-…` streams are read; a same-named type elsewhere is not ours to fold. */
function fromEntityStream(event: ProjectionEvent): boolean {
  return categoryOf(event.streamId) === 'entity';
}

const entityCreated: ProjectionHandler = (event, tx) => {
  const entityId = textField(event.data.entityId);
  const kind = textField(event.data.kind);
  if (!fromEntityStream(event) || !entityId || !kind) return;
  tx.upsert(ENTITIES, { entity_id: entityId, kind, label_event_id: event.eventId });
};

const mentionAdded: ProjectionHandler = (event, tx) => {
  const entityId = textField(event.data.entityId);
  const mentionId = textField(event.data.mentionId);
  const span = spanField(event.data.span);
  if (!fromEntityStream(event) || !entityId || !mentionId || !span) return;
  tx.upsert(MENTIONS, {
    entity_id: entityId,
    mention_id: mentionId,
    span_id: span.spanId,
    document_id: span.documentId,
    document_version_id: span.documentVersionId,
    start_char: span.startChar,
    end_char: span.endChar,
    retracted: false,
  });
};

const mentionRetracted: ProjectionHandler = (event, tx) => {
  const entityId = textField(event.data.entityId);
  const mentionId = textField(event.data.mentionId);
  if (!fromEntityStream(event) || !entityId || !mentionId) return;
  tx.upsert(MENTIONS, { entity_id: entityId, mention_id: mentionId, retracted: true });
};

export const entityHandlers = {
  EntityCreated: entityCreated,
  MentionAdded: mentionAdded,
  MentionRetracted: mentionRetracted,
} satisfies FollowedHandlers<MeetingPrepFollows>;
