import type { OwnHandlers, ProjectionEvent, ProjectionHandler, ProjectionTx } from '@ledger/projections';
import { CLAIM_ASSERTED, CLAIM_RETRACTED, CLAIM_SUPERSEDED, CLAIM_STREAM_CATEGORY } from '../claims/claimEvents';
import type { SpanReference } from '../spans/spanReference';
import { readSpanReference } from '@ledger/contracts';
import { inCategory, isObject, text } from './tolerantReader';

function recordHistory(event: ProjectionEvent, tx: ProjectionTx, claimId: string): void {
  tx.upsert('claims_claim_history', {
    claim_id: claimId,
    org_seq: event.orgSeq,
    event_type: event.type,
    event_id: event.eventId,
    actor: event.metadata.actor ?? null,
    recorded_at: event.recordedAt,
    superseded_by: text(event.data, 'supersededBy'),
    supersedes: text(event.data, 'supersedes'),
  });
}

function citationsOf(event: ProjectionEvent): SpanReference[] | null {
  const raw = event.data.citations;
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const citations = raw.map(readSpanReference);
  return citations.every((citation) => citation !== null) ? (citations as SpanReference[]) : null;
}

const asserted: ProjectionHandler = (event, tx) => {
  if (!inCategory(event.streamId, CLAIM_STREAM_CATEGORY)) return;
  const claimId = text(event.data, 'claimId');
  const subjectEntityId = text(event.data, 'subjectEntityId');
  const predicate = text(event.data, 'predicate');
  const object = event.data.object;
  const objectKind = text(object, 'kind');
  const citations = citationsOf(event);
  if (claimId === null || subjectEntityId === null || predicate === null || citations === null) return;
  if (!isObject(object) || (objectKind !== 'entity' && objectKind !== 'literal')) return;
  // A literal's value is personal: the row keeps the id of the event whose encrypted part holds it.
  tx.upsert('claims_claims', {
    claim_id: claimId,
    subject_entity_id: subjectEntityId,
    predicate,
    object_kind: objectKind,
    object_entity_id: objectKind === 'entity' ? text(object, 'entityId') : null,
    asserted_event_id: event.eventId,
    asserted_seq: event.orgSeq,
    asserted_at: event.recordedAt,
    supersedes: text(event.data, 'supersedes'),
    status: 'current',
    superseded_by: null,
    ended_event_id: null,
    revision: 0,
  });
  citations.forEach((citation, index) => {
    tx.upsert('claims_citations', {
      claim_id: claimId,
      citation_index: index,
      span_id: citation.spanId,
      document_id: citation.documentId,
      document_version_id: citation.documentVersionId,
      start_char: citation.startChar,
      end_char: citation.endChar,
    });
  });
  recordHistory(event, tx, claimId);
};

/** Supersession and retraction end a claim; its row and history stay. */
function ended(status: 'superseded' | 'retracted'): ProjectionHandler {
  return (event, tx) => {
    if (!inCategory(event.streamId, CLAIM_STREAM_CATEGORY)) return;
    const claimId = text(event.data, 'claimId');
    if (claimId === null) return;
    tx.upsert('claims_claims', {
      claim_id: claimId,
      status,
      superseded_by: status === 'superseded' ? text(event.data, 'supersededBy') : null,
      // The reason is personal (sealed since v2): the row keeps the event that holds it.
      ended_event_id: event.eventId,
    });
    tx.increment('claims_claims', { claim_id: claimId }, { revision: 1 });
    recordHistory(event, tx, claimId);
  };
}

export const claimHandlers = {
  [CLAIM_ASSERTED]: asserted,
  [CLAIM_SUPERSEDED]: ended('superseded'),
  [CLAIM_RETRACTED]: ended('retracted'),
} satisfies OwnHandlers<'claims'>;
