import type { RequestContext } from '@ledger/tenancy';
import { claimsError } from '../claimsError';
import type { ClaimsDeps } from '../app/claimsDeps';
import type { EntityView, MentionView } from '../app/claimsViews';
import { readPersonal } from '../app/personalReads';
import { scopeOf } from '../app/projectionReads';
import { readReasons, reasonOf, type ReasonView } from '../app/reasonReads';

interface EntityRow {
  kind: string;
  created_event_id: string;
  created_at: Date;
  revision: number;
}

interface MentionRow {
  mention_id: string;
  span_id: string;
  document_id: string;
  document_version_id: string;
  start_char: number;
  end_char: number;
  added_at: Date;
  retracted: boolean;
  retracted_event_id: string | null;
  retracted_at: Date | null;
}

/** An entity with its label (decrypted from the ledger) and every mention, retracted ones included. */
export async function getEntity(deps: ClaimsDeps, ctx: RequestContext, entityId: string): Promise<EntityView> {
  const scope = await scopeOf(deps.pool, ctx.orgId);
  const params = [scope.orgId, scope.generation, entityId];
  const { rows } = await deps.pool.query<EntityRow>(
    `SELECT kind, created_event_id, created_at, revision FROM claims_entities
      WHERE org_id = $1 AND generation = $2 AND entity_id = $3 AND created_event_id IS NOT NULL`,
    params,
  );
  if (rows.length === 0) throw claimsError('CLAIMS.ENTITY_NOT_FOUND', 'entityId', 'must name an existing entity');
  const entity = rows[0];
  const mentions = await deps.pool.query<MentionRow>(
    `SELECT mention_id, span_id, document_id, document_version_id, start_char, end_char, added_at,
            retracted, retracted_event_id, retracted_at
       FROM claims_mentions
      WHERE org_id = $1 AND generation = $2 AND entity_id = $3 AND span_id IS NOT NULL
      ORDER BY added_seq, mention_id`,
    params,
  );
  const reasons = await readReasons(
    deps.store,
    ctx,
    mentions.rows.map((row) => row.retracted_event_id),
  );
  const label = (await readPersonal(deps.store, ctx, [entity.created_event_id])).get(entity.created_event_id);
  const value = label?.value?.label;
  return {
    entityId,
    kind: entity.kind,
    label: typeof value === 'string' ? value : null,
    labelState: label?.state ?? 'erased',
    createdAt: entity.created_at.toISOString(),
    revision: entity.revision,
    mentions: mentions.rows.map((row) => mentionView(row, reasons)),
  };
}

function mentionView(row: MentionRow, reasons: ReadonlyMap<string, ReasonView>): MentionView {
  return {
    mentionId: row.mention_id,
    span: {
      spanId: row.span_id,
      documentId: row.document_id,
      documentVersionId: row.document_version_id,
      startChar: row.start_char,
      endChar: row.end_char,
    },
    addedAt: row.added_at.toISOString(),
    retracted: row.retracted,
    ...reasonOf(reasons, row.retracted ? row.retracted_event_id : null),
    retractedAt: row.retracted_at === null ? null : row.retracted_at.toISOString(),
  };
}
