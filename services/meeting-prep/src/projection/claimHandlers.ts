import type { FollowedHandlers, ProjectionEvent, ProjectionHandler } from '@ledger/projections';
import type { MeetingPrepFollows } from '../meetingPrep.descriptor';
import { categoryOf, objectField, spanListField, textField } from './eventFields';
import { CLAIMS, type ClaimStatus } from './tables';

function fromClaimStream(event: ProjectionEvent): boolean {
  return categoryOf(event.streamId) === 'claim';
}

const claimAsserted: ProjectionHandler = (event, tx) => {
  const claimId = textField(event.data.claimId);
  const subjectEntityId = textField(event.data.subjectEntityId);
  const predicate = textField(event.data.predicate);
  const object = objectField(event.data.object);
  const objectKind = object ? textField(object.kind) : null;
  if (!fromClaimStream(event) || !claimId || !subjectEntityId || !predicate) return;
  if (objectKind !== 'entity' && objectKind !== 'literal') return;
  const objectEntityId = objectKind === 'entity' && object ? textField(object.entityId) : null;
  if (objectKind === 'entity' && !objectEntityId) return;
  tx.upsert(CLAIMS, {
    claim_id: claimId,
    subject_entity_id: subjectEntityId,
    predicate,
    object_kind: objectKind,
    object_entity_id: objectEntityId,
    citations: spanListField(event.data.citations),
    status: 'current',
    asserted_event_id: event.eventId,
  });
  tx.increment(CLAIMS, { claim_id: claimId }, { events: 1 });
  // The replaced claim's own stream also records ClaimSuperseded; marking it here as well closes
  // the gap between the two appends, and is idempotent.
  const supersedes = textField(event.data.supersedes);
  if (supersedes) tx.upsert(CLAIMS, { claim_id: supersedes, status: 'superseded' });
};

function closing(status: ClaimStatus): ProjectionHandler {
  return (event, tx) => {
    const claimId = textField(event.data.claimId);
    if (!fromClaimStream(event) || !claimId) return;
    tx.upsert(CLAIMS, { claim_id: claimId, status });
    tx.increment(CLAIMS, { claim_id: claimId }, { events: 1 });
  };
}

export const claimHandlers = {
  ClaimAsserted: claimAsserted,
  ClaimSuperseded: closing('superseded'),
  ClaimRetracted: closing('retracted'),
} satisfies FollowedHandlers<MeetingPrepFollows>;
