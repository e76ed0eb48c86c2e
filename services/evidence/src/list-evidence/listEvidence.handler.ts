import type { RequestContext } from '@ledger/tenancy';
import { invalidField, notFound } from '../evidenceError';
import { personalParts, personalText } from '../app/documentQueries';
import { decodeCursor, encodeCursor } from './evidenceCursor';
import type { EvidenceDeps } from '../app/evidenceDeps';
import { EVIDENCE_PROJECTION_NAME } from '../projection/evidenceProjection';
import { recordEvidenceAccess } from './evidenceAccess';
import { requireId } from '../app/validateInput';

export const EVIDENCE_FILTERS = ['entityId', 'claimId', 'meetingPrepBulletId', 'documentId'] as const;
export type EvidenceFilterField = (typeof EVIDENCE_FILTERS)[number];
export const DEFAULT_EVIDENCE_LIMIT = 50;
export const MAX_EVIDENCE_LIMIT = 200;

export type EvidenceListInput = Partial<Record<EvidenceFilterField, string>> & { limit?: number; cursor?: string };

export interface EvidenceItem {
  documentId: string;
  documentVersionId: string;
  startChar: number;
  endChar: number;
  /** The version's content between the offsets; null when that content was erased. */
  text: string | null;
  erased: boolean;
  kind: 'mention' | 'relation' | 'bullet';
  source: { mentionId?: string; claimId?: string; meetingPrepBulletId?: string; spanId?: string };
}

export interface EvidencePage {
  items: EvidenceItem[];
  /** Pass it back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** The filter as recorded in the access event. */
const FILTER_KIND: Record<EvidenceFilterField, string> = {
  entityId: 'entity',
  claimId: 'claim',
  meetingPrepBulletId: 'meetingPrepBullet',
  documentId: 'document',
};

/**
 * The one predicate per filter. By entity: its live mentions and the live claims it is the
 * subject or object of; by claim: every citation of that claim, even once superseded (history
 * stays); by bullet: the spans its citations resolve to; by document: every live item pinned
 * into it.
 */
const FILTER_SQL: Record<EvidenceFilterField, string> = {
  entityId: `i.kind IN ('mention', 'relation') AND i.active AND (i.entity_id = $3 OR i.object_entity_id = $3)`,
  claimId: `i.kind = 'relation' AND i.claim_id = $3`,
  meetingPrepBulletId: `i.kind = 'bullet' AND i.bullet_id = $3`,
  documentId: `i.document_id = $3 AND i.active`,
};

/** How an unknown (or other org's) filter id is reported. */
const EXISTS: Record<EvidenceFilterField, { sql: string; code: Parameters<typeof notFound>[0] }> = {
  entityId: {
    sql: `SELECT 1 FROM evidence_known_refs WHERE org_id = $1 AND generation = (SELECT generation FROM g) AND ref_kind = 'entity' AND ref_id = $3`,
    code: 'EVIDENCE.ENTITY_NOT_FOUND',
  },
  claimId: {
    sql: `SELECT 1 FROM evidence_known_refs WHERE org_id = $1 AND generation = (SELECT generation FROM g) AND ref_kind = 'claim' AND ref_id = $3`,
    code: 'EVIDENCE.CLAIM_NOT_FOUND',
  },
  meetingPrepBulletId: {
    sql: `SELECT 1 FROM evidence_known_refs WHERE org_id = $1 AND generation = (SELECT generation FROM g) AND ref_kind = 'bullet' AND ref_id = $3`,
    code: 'EVIDENCE.BULLET_NOT_FOUND',
  },
  documentId: {
    sql: 'SELECT 1 FROM evidence_documents WHERE org_id = $1 AND generation = (SELECT generation FROM g) AND document_id = $3',
    code: 'EVIDENCE.DOCUMENT_NOT_FOUND',
  },
};

/**
 * Evidence.List in one round trip: the live generation, whether the filter names something of
 * this org, and the page. Parameters: org, projection name, filter id, cursor (org_seq,
 * ordinal), limit.
 */
export function evidenceListSql(field: EvidenceFilterField): string {
  return `WITH g AS (
       SELECT coalesce((SELECT active_generation FROM projection_state WHERE projection = $2 AND org_id = $1), 1)
              AS generation),
     known AS (SELECT EXISTS (${EXISTS[field].sql}) AS known)
     SELECT known.known, page.* FROM known LEFT JOIN LATERAL (
       SELECT i.kind, i.org_seq, i.ordinal, i.document_id, i.document_version_id, i.start_char, i.end_char,
              i.span_id, i.mention_id, i.claim_id, i.bullet_id, v.event_id
         FROM evidence_items i
         JOIN evidence_document_versions v
           ON v.org_id = i.org_id AND v.generation = i.generation
          AND v.document_version_id = i.document_version_id AND v.document_id = i.document_id
        WHERE i.org_id = $1 AND i.generation = (SELECT generation FROM g) AND ${FILTER_SQL[field]}
          AND (i.org_seq, i.ordinal) > ($4::bigint, $5::integer)
        ORDER BY i.org_seq, i.ordinal
        LIMIT $6) page ON true
     ORDER BY page.org_seq, page.ordinal`;
}

/** C-02: exactly one filter, else a 422 naming the field and the rule. */
function oneFilter(input: EvidenceListInput): { field: EvidenceFilterField; id: string } {
  for (const key of Object.keys(input)) {
    if (![...EVIDENCE_FILTERS, 'limit', 'cursor'].includes(key))
      throw invalidField(key, 'is not a known parameter', 'EVIDENCE.INVALID_FILTER');
  }
  const given = EVIDENCE_FILTERS.filter((field) => input[field] !== undefined);
  const rule = `exactly one of ${EVIDENCE_FILTERS.join(', ')} is required`;
  if (given.length === 0) throw invalidField('filter', rule, 'EVIDENCE.INVALID_FILTER');
  if (given.length > 1)
    throw invalidField(given[1], `${rule}; ${given.join(' and ')} were given`, 'EVIDENCE.INVALID_FILTER');
  const field = given[0];
  return { field, id: requireId(field, input[field]) };
}

interface ItemRow {
  kind: EvidenceItem['kind'];
  org_seq: string;
  ordinal: number;
  document_id: string;
  document_version_id: string;
  start_char: number;
  end_char: number;
  span_id: string | null;
  mention_id: string | null;
  claim_id: string | null;
  bullet_id: string | null;
  event_id: string;
}

function sourceOf(row: ItemRow): EvidenceItem['source'] {
  const source: EvidenceItem['source'] = {};
  if (row.mention_id !== null) source.mentionId = row.mention_id;
  if (row.claim_id !== null) source.claimId = row.claim_id;
  if (row.bullet_id !== null) source.meetingPrepBulletId = row.bullet_id;
  if (row.span_id !== null) source.spanId = row.span_id;
  return source;
}

/**
 * Evidence.List (C-02): org-scoped, one filter, paged by an opaque cursor. Items are joined to
 * the org's own document versions (a citation of a version this org does not hold is no
 * evidence here), and their text is sliced from the version content decrypted at read time.
 * Every call is recorded as an access event before it answers.
 */
export async function listEvidence(
  deps: EvidenceDeps,
  ctx: RequestContext,
  input: EvidenceListInput,
): Promise<EvidencePage> {
  const filter = oneFilter(input);
  const limit = input.limit ?? DEFAULT_EVIDENCE_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_EVIDENCE_LIMIT) {
    throw invalidField('limit', `must be an integer between 1 and ${MAX_EVIDENCE_LIMIT}`);
  }
  const filterKind = FILTER_KIND[filter.field];
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor, filterKind, filter.id);
  const exists = EXISTS[filter.field];
  const { rows: found } = await deps.pool.query<ItemRow & { known: boolean }>(evidenceListSql(filter.field), [
    ctx.orgId,
    EVIDENCE_PROJECTION_NAME,
    filter.id,
    after?.orgSeq ?? -1,
    after?.ordinal ?? -1,
    limit + 1,
  ]);
  if (!found[0].known) throw notFound(exists.code, filter.field, filter.id);
  const rows = found.filter((row) => row.kind !== null);
  const page = rows.slice(0, limit);
  const events = await personalParts(
    deps.store,
    ctx.orgId,
    page.map((row) => row.event_id),
  );
  const items = page.map((row): EvidenceItem => {
    const content = personalText(events.get(row.event_id), 'content');
    return {
      documentId: row.document_id,
      documentVersionId: row.document_version_id,
      startChar: row.start_char,
      endChar: row.end_char,
      text: content === null ? null : content.slice(row.start_char, row.end_char),
      erased: content === null,
      kind: row.kind,
      source: sourceOf(row),
    };
  });
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit
      ? encodeCursor({ filterKind, filterId: filter.id, orgSeq: Number(last.org_seq), ordinal: last.ordinal })
      : null;
  await recordEvidenceAccess(deps, ctx, { kind: filterKind, id: filter.id }, items);
  return { items, nextCursor };
}
