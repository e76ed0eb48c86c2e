import type { OwnHandlers, ProjectionHandler } from '@ledger/projections';
import { BRIEF_COMPOSED, parseBriefComposed } from '../record/briefEvents';
import { categoryOf } from './eventFields';
import { BRIEFS } from './tables';

const briefComposed: ProjectionHandler = (event, tx) => {
  if (categoryOf(event.streamId) !== 'brief') return;
  const brief = parseBriefComposed(event.data);
  if (!brief) return;
  tx.upsert(BRIEFS, {
    brief_id: brief.briefId,
    subject_kind: brief.subject.kind,
    subject_entity_id: brief.subject.entityId,
    meeting_date: brief.meetingDate,
    content_hash: brief.contentHash,
    event_id: event.eventId,
    composed_at: event.recordedAt,
    bullets: brief.bullets.length,
  });
};

export const briefHandlers = { [BRIEF_COMPOSED]: briefComposed } satisfies OwnHandlers<'meeting-prep'>;
