import type { RequestContext } from '@ledger/tenancy';
import { claimsError } from '../claimsError';
import type { LiteralValue } from '../claims/claimEvents';
import { staleEvidence } from '../claims/staleEvidence';
import type { SpanReference } from '../spans/spanReference';
import type { ClaimsDeps } from '../app/claimsDeps';
import type { ListClaimsInput } from '../app/claimsInputs';
import type { ClaimDetailView, ClaimHistoryEntry, ClaimList, ClaimObjectView, ClaimView } from '../app/claimsViews';
import { readPersonal, type PersonalPart } from '../app/personalReads';
import { readReasons, reasonOf } from '../app/reasonReads';
import { latestVersions, scopeOf, type Scope } from '../app/projectionReads';

interface ClaimRow {
  claim_id: string;
  subject_entity_id: string;
  predicate: string;
  object_kind: string;
  object_entity_id: string | null;
  asserted_event_id: string;
  asserted_seq: string;
  asserted_at: Date;
  supersedes: string | null;
  status: ClaimView['status'];
  superseded_by: string | null;
  ended_event_id: string | null;
  revision: number;
}

const CLAIM_COLUMNS = `claim_id, subject_entity_id, predicate, object_kind, object_entity_id, asserted_event_id,
  asserted_seq, asserted_at, supersedes, status, superseded_by, ended_event_id, revision`;

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 200;
const CURSOR_PATTERN = /^(0|[1-9][0-9]{0,17})$/;

/** One claim with its citations, stale-evidence flag, decrypted literal and full history. */
export async function getClaim(deps: ClaimsDeps, ctx: RequestContext, claimId: string): Promise<ClaimDetailView> {
  const scope = await scopeOf(deps.pool, ctx.orgId);
  const { rows } = await deps.pool.query<ClaimRow>(
    `SELECT ${CLAIM_COLUMNS} FROM claims_claims
      WHERE org_id = $1 AND generation = $2 AND claim_id = $3 AND asserted_event_id IS NOT NULL`,
    [scope.orgId, scope.generation, claimId],
  );
  if (rows.length === 0) throw claimsError('CLAIMS.CLAIM_NOT_FOUND', 'claimId', 'must name an existing claim');
  const [view] = await claimViews(deps, ctx, scope, rows);
  return { ...view, history: await historyOf(deps, ctx, scope, claimId) };
}

/** A subject's claims in assertion order: current ones, or with `include: 'all'` every one ever asserted. */
export async function listClaims(deps: ClaimsDeps, ctx: RequestContext, input: ListClaimsInput): Promise<ClaimList> {
  const limit = input.limit ?? DEFAULT_LIST_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw claimsError('CLAIMS.INVALID_FIELD', 'limit', `must be an integer from 1 to ${MAX_LIST_LIMIT}`);
  }
  if (input.cursor !== undefined && !CURSOR_PATTERN.test(input.cursor)) {
    throw claimsError('CLAIMS.INVALID_FIELD', 'cursor', 'must be a cursor this list returned');
  }
  const scope = await scopeOf(deps.pool, ctx.orgId);
  const subject = await deps.pool.query(
    'SELECT 1 FROM claims_entities WHERE org_id = $1 AND generation = $2 AND entity_id = $3 AND kind IS NOT NULL',
    [scope.orgId, scope.generation, input.subjectEntityId],
  );
  if (subject.rows.length === 0) {
    throw claimsError('CLAIMS.ENTITY_NOT_FOUND', 'subjectEntityId', 'must name an existing entity');
  }
  const all = input.include === 'all';
  const { rows } = await deps.pool.query<ClaimRow>(
    `SELECT ${CLAIM_COLUMNS} FROM claims_claims
      WHERE org_id = $1 AND generation = $2 AND subject_entity_id = $3 AND asserted_seq > $4
        AND asserted_event_id IS NOT NULL
        AND ($5 OR status = 'current')
      ORDER BY asserted_seq LIMIT $6`,
    [scope.orgId, scope.generation, input.subjectEntityId, input.cursor ?? -1, all, limit + 1],
  );
  const page = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? page[page.length - 1].asserted_seq : null;
  return { items: await claimViews(deps, ctx, scope, page), nextCursor };
}

interface CitationRow {
  claim_id: string;
  span_id: string;
  document_id: string;
  document_version_id: string;
  start_char: number;
  end_char: number;
}

async function claimViews(deps: ClaimsDeps, ctx: RequestContext, scope: Scope, rows: ClaimRow[]): Promise<ClaimView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.claim_id);
  const citationRows = await deps.pool.query<CitationRow>(
    `SELECT claim_id, span_id, document_id, document_version_id, start_char, end_char FROM claims_citations
      WHERE org_id = $1 AND generation = $2 AND claim_id = ANY($3::text[])
      ORDER BY claim_id, citation_index`,
    [scope.orgId, scope.generation, ids],
  );
  const citations = new Map<string, SpanReference[]>();
  for (const row of citationRows.rows) {
    const list = citations.get(row.claim_id) ?? [];
    list.push({
      spanId: row.span_id,
      documentId: row.document_id,
      documentVersionId: row.document_version_id,
      startChar: row.start_char,
      endChar: row.end_char,
    });
    citations.set(row.claim_id, list);
  }
  const latest = await latestVersions(
    deps.pool,
    scope,
    citationRows.rows.map((row) => row.document_id),
  );
  const literals = rows.filter((row) => row.object_kind === 'literal').map((row) => row.asserted_event_id);
  const personal = await readPersonal(deps.store, ctx, literals);
  const reasons = await readReasons(
    deps.store,
    ctx,
    rows.map((row) => row.ended_event_id),
  );
  return rows.map((row) => {
    const cited = citations.get(row.claim_id) ?? [];
    const stale = staleEvidence(cited, latest);
    return {
      claimId: row.claim_id,
      subjectEntityId: row.subject_entity_id,
      predicate: row.predicate,
      object: objectView(row, personal.get(row.asserted_event_id)),
      citations: cited,
      status: row.status,
      supersedes: row.supersedes,
      supersededBy: row.superseded_by,
      ...reasonOf(reasons, row.ended_event_id),
      revision: row.revision,
      assertedAt: row.asserted_at.toISOString(),
      staleEvidence: stale.stale,
      staleSpanIds: stale.staleSpanIds,
    };
  });
}

function objectView(row: ClaimRow, personal: PersonalPart | undefined): ClaimObjectView {
  if (row.object_kind === 'entity') return { kind: 'entity', entityId: row.object_entity_id ?? '' };
  const literal = personal?.value?.literal;
  const value: LiteralValue | null =
    typeof literal === 'string' || typeof literal === 'number' || typeof literal === 'boolean' ? literal : null;
  return { kind: 'literal', value, valueState: personal?.state ?? 'erased' };
}

const HISTORY_TYPES: Record<string, ClaimHistoryEntry['type']> = {
  ClaimAsserted: 'asserted',
  ClaimSuperseded: 'superseded',
  ClaimRetracted: 'retracted',
};

async function historyOf(
  deps: ClaimsDeps,
  ctx: RequestContext,
  scope: Scope,
  claimId: string,
): Promise<ClaimHistoryEntry[]> {
  const { rows } = await deps.pool.query<{
    event_type: string;
    event_id: string;
    actor: string | null;
    recorded_at: Date;
    supersedes: string | null;
    superseded_by: string | null;
  }>(
    `SELECT event_type, event_id, actor, recorded_at, supersedes, superseded_by FROM claims_claim_history
      WHERE org_id = $1 AND generation = $2 AND claim_id = $3 ORDER BY org_seq`,
    [scope.orgId, scope.generation, claimId],
  );
  const ended = rows.filter((row) => row.event_type !== 'ClaimAsserted').map((row) => row.event_id);
  const reasons = await readReasons(deps.store, ctx, ended);
  return rows.map((row) => ({
    type: HISTORY_TYPES[row.event_type] ?? 'asserted',
    eventId: row.event_id,
    at: row.recorded_at.toISOString(),
    actor: row.actor,
    ...reasonOf(reasons, row.event_type === 'ClaimAsserted' ? null : row.event_id),
    supersedes: row.supersedes,
    supersededBy: row.superseded_by,
  }));
}
