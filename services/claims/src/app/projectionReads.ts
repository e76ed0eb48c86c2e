import type { Pool } from 'pg';
import { activeGeneration } from '@ledger/projections';
import { entityLookup, type EntityLookup } from '../claims/checkRelation';
import { spanLookup, type SpanLookup } from '../spans/spanReference';
import { CLAIMS_PROJECTION_NAME } from '../projection/claimsProjection';
import type { FactsLookup } from './claimsDeps';

/** The org and live generation every read-model query is scoped to. */
export interface Scope {
  orgId: string;
  generation: number;
}

export async function scopeOf(pool: Pool, orgId: string): Promise<Scope> {
  return { orgId, generation: await activeGeneration(pool, CLAIMS_PROJECTION_NAME, orgId) };
}

function strings(values: readonly unknown[]): string[] {
  return [...new Set(values.filter((value): value is string => typeof value === 'string'))];
}

const SPANS_SQL = `SELECT s.span_id, s.document_id, s.document_version_id, s.start_char, s.end_char,
       (d.latest_version_id IS NOT DISTINCT FROM s.document_version_id AND d.tombstoned = false) AS current
  FROM claims_spans s
  LEFT JOIN claims_documents d
    ON d.org_id = s.org_id AND d.generation = s.generation AND d.document_id = s.document_id
 WHERE s.org_id = $1 AND s.generation = $2 AND s.span_id = ANY($3::text[])`;

/**
 * The evidence facts of the cited spans, from the projection of the evidence service's events.
 * Only this org's spans are found: another org's span id is as unknown as a missing one. A span
 * is current while its version is its document's latest and the document is not tombstoned.
 */
export async function loadSpans(pool: Pool, scope: Scope, spanIds: readonly unknown[]): Promise<SpanLookup> {
  const ids = strings(spanIds);
  if (ids.length === 0) return spanLookup([]);
  const { rows } = await pool.query<{
    span_id: string;
    document_id: string;
    document_version_id: string;
    start_char: number;
    end_char: number;
    current: boolean | null;
  }>(SPANS_SQL, [scope.orgId, scope.generation, ids]);
  return spanLookup(
    rows.map((row) => ({
      spanId: row.span_id,
      orgId: scope.orgId,
      documentId: row.document_id,
      documentVersionId: row.document_version_id,
      startChar: row.start_char,
      endChar: row.end_char,
      versionIsCurrent: row.current === true,
    })),
  );
}

export async function loadEntities(pool: Pool, scope: Scope, entityIds: readonly unknown[]): Promise<EntityLookup> {
  const ids = strings(entityIds);
  if (ids.length === 0) return entityLookup([]);
  const { rows } = await pool.query<{ entity_id: string; kind: string }>(
    `SELECT entity_id, kind FROM claims_entities
      WHERE org_id = $1 AND generation = $2 AND entity_id = ANY($3::text[]) AND kind IS NOT NULL`,
    [scope.orgId, scope.generation, ids],
  );
  return entityLookup(rows.map((row) => ({ entityId: row.entity_id, orgId: scope.orgId, kind: row.kind })));
}

/**
 * Each named document's latest version, for stale-evidence checks; tombstoned documents and
 * documents never seen are left out, so citations of them count as stale.
 */
export async function latestVersions(
  pool: Pool,
  scope: Scope,
  documentIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = strings(documentIds);
  if (ids.length === 0) return new Map();
  const { rows } = await pool.query<{ document_id: string; latest_version_id: string }>(
    `SELECT document_id, latest_version_id FROM claims_documents
      WHERE org_id = $1 AND generation = $2 AND document_id = ANY($3::text[])
        AND latest_version_id IS NOT NULL AND tombstoned = false`,
    [scope.orgId, scope.generation, ids],
  );
  return new Map(rows.map((row) => [row.document_id, row.latest_version_id]));
}

/** Commands' facts from the claims read models: one generation lookup, then entities and spans at once. */
export function readModelFacts(pool: Pool): FactsLookup {
  return {
    async lookup(orgId, entityIds, spanIds) {
      const scope = await scopeOf(pool, orgId);
      const [entities, spans] = await Promise.all([
        loadEntities(pool, scope, entityIds),
        loadSpans(pool, scope, spanIds),
      ]);
      return { entities, spans };
    },
  };
}
