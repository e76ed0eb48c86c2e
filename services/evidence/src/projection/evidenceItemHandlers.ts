import type { JsonValue } from '@ledger/ledger';
import type { ProjectionHandler, ProjectionTx } from '@ledger/projections';
import { readSpanLocation, type SpanLocation } from '@ledger/contracts';
import { list, record, text } from './tolerantRead';

/**
 * Evidence.List's rows, folded from other services' events (claims' entity and claim streams,
 * meeting-prep's brief streams), read tolerantly: a citation that is not a well-formed pinned
 * span is not evidence and is skipped.
 */
export type EvidenceItemKind = 'mention' | 'relation' | 'bullet';
export type KnownRefKind = 'entity' | 'claim' | 'bullet';

interface ItemSource {
  mentionId?: string | null;
  claimId?: string | null;
  bulletId?: string | null;
  entityId?: string | null;
  objectEntityId?: string | null;
}

function putItem(
  tx: ProjectionTx,
  itemId: string,
  kind: EvidenceItemKind,
  orgSeq: number,
  ordinal: number,
  span: SpanLocation,
  source: ItemSource,
): void {
  tx.upsert('evidence_items', {
    item_id: itemId,
    kind,
    org_seq: orgSeq,
    ordinal,
    document_id: span.documentId,
    document_version_id: span.documentVersionId,
    start_char: span.startChar,
    end_char: span.endChar,
    span_id: span.spanId,
    mention_id: source.mentionId ?? null,
    claim_id: source.claimId ?? null,
    bullet_id: source.bulletId ?? null,
    entity_id: source.entityId ?? null,
    object_entity_id: source.objectEntityId ?? null,
    active: true,
  });
}

function knownRef(tx: ProjectionTx, refKind: KnownRefKind, refId: string, orgSeq: number): void {
  tx.upsert('evidence_known_refs', { ref_kind: refKind, ref_id: refId, org_seq: orgSeq });
}

export function mentionItemId(entityId: string, mentionId: string): string {
  return `mention:${entityId}:${mentionId}`;
}

export const onEntityCreated: ProjectionHandler = (event, tx) => {
  const entityId = text(event.data.entityId);
  if (entityId) knownRef(tx, 'entity', entityId, event.orgSeq);
};

export const onMentionAdded: ProjectionHandler = (event, tx) => {
  const entityId = text(event.data.entityId);
  const mentionId = text(event.data.mentionId);
  const span = readSpanLocation(event.data.span);
  if (!entityId || !mentionId) return;
  knownRef(tx, 'entity', entityId, event.orgSeq);
  if (span) putItem(tx, mentionItemId(entityId, mentionId), 'mention', event.orgSeq, 0, span, { mentionId, entityId });
};

export const onMentionRetracted: ProjectionHandler = async (event, tx) => {
  const entityId = text(event.data.entityId);
  const mentionId = text(event.data.mentionId);
  if (!entityId || !mentionId) return;
  await tx.query('UPDATE evidence_items SET active = false WHERE org_id = $1 AND generation = $2 AND item_id = $3', [
    tx.orgId,
    tx.generation,
    mentionItemId(entityId, mentionId),
  ]);
};

export const onClaimAsserted: ProjectionHandler = (event, tx) => {
  const claimId = text(event.data.claimId);
  if (!claimId) return;
  knownRef(tx, 'claim', claimId, event.orgSeq);
  const object = record(event.data.object);
  const source: ItemSource = {
    claimId,
    entityId: text(event.data.subjectEntityId),
    objectEntityId: object?.kind === 'entity' ? text(object.entityId) : null,
  };
  list(event.data.citations).forEach((citation, i) => {
    const span = readSpanLocation(citation);
    if (span) putItem(tx, `relation:${claimId}:${i}`, 'relation', event.orgSeq, i, span, source);
  });
};

/** A superseded or retracted claim keeps its history (listed by claimId) but no longer speaks for its entities. */
export const onClaimEnded: ProjectionHandler = async (event, tx) => {
  const claimId = text(event.data.claimId);
  if (!claimId) return;
  await tx.query(
    `UPDATE evidence_items SET active = false
      WHERE org_id = $1 AND generation = $2 AND kind = 'relation' AND claim_id = $3`,
    [tx.orgId, tx.generation, claimId],
  );
};

/** The pinned spans one citation of a bullet resolves to: a claim's spans, or the mention's or span's own. */
function citationSpans(citation: JsonValue): { spans: SpanLocation[]; source: ItemSource } {
  const c = record(citation);
  if (!c) return { spans: [], source: {} };
  if (c.kind === 'claim') {
    const spans = list(c.spans).map(readSpanLocation);
    return { spans: spans.filter((s): s is SpanLocation => s !== null), source: { claimId: text(c.claimId) } };
  }
  const span = readSpanLocation(c.span);
  const source = c.kind === 'mention' ? { mentionId: text(c.mentionId) } : {};
  return { spans: span && (c.kind === 'mention' || c.kind === 'span') ? [span] : [], source };
}

export const onBriefComposed: ProjectionHandler = (event, tx) => {
  let ordinal = 0;
  for (const value of list(event.data.bullets)) {
    const bullet = record(value);
    const bulletId = bullet && text(bullet.bulletId);
    if (!bullet || !bulletId) continue;
    knownRef(tx, 'bullet', bulletId, event.orgSeq);
    list(bullet.citations).forEach((citation, ci) => {
      const { spans, source } = citationSpans(citation);
      spans.forEach((span, si) => {
        putItem(tx, `bullet:${bulletId}:${ci}:${si}`, 'bullet', event.orgSeq, ordinal++, span, { ...source, bulletId });
      });
    });
  }
};
