import type { RequestContext } from '@ledger/tenancy';
import { notFound } from '../evidenceError';
import { suggestRelocation } from '../spans/pinSpan';
import { documentVersions, findDocument, personalParts, personalText } from '../app/documentQueries';
import { liveGeneration, type EvidenceDeps } from '../app/evidenceDeps';
import type { SpanView } from '../pin-span/pinSpan.handler';
import { requireId } from '../app/validateInput';

interface SpanRow {
  span_id: string;
  document_id: string;
  document_version_id: string;
  start_char: number;
  end_char: number;
  event_id: string;
  latest_version_id: string;
}

const SPAN_COLUMNS = `s.span_id, s.document_id, s.document_version_id, s.start_char, s.end_char, s.event_id,
  d.latest_version_id`;
const SPAN_FROM = `evidence_spans s JOIN evidence_documents d
  ON d.org_id = s.org_id AND d.generation = s.generation AND d.document_id = s.document_id`;

export async function readSpan(deps: EvidenceDeps, ctx: RequestContext, spanId: string): Promise<SpanView> {
  requireId('spanId', spanId);
  const generation = await liveGeneration(deps, ctx.orgId);
  const { rows } = await deps.pool.query<SpanRow>(
    `SELECT ${SPAN_COLUMNS} FROM ${SPAN_FROM} WHERE s.org_id = $1 AND s.generation = $2 AND s.span_id = $3`,
    [ctx.orgId, generation, spanId],
  );
  if (rows.length === 0) throw notFound('EVIDENCE.SPAN_NOT_FOUND', 'spanId', spanId);
  const row = rows[0];
  const text = personalText((await personalParts(deps.store, ctx.orgId, [row.event_id])).get(row.event_id), 'text');
  return {
    spanId: row.span_id,
    documentId: row.document_id,
    documentVersionId: row.document_version_id,
    startChar: row.start_char,
    endChar: row.end_char,
    text,
    erased: text === null,
    versionIsCurrent: row.document_version_id === row.latest_version_id,
  };
}

export interface StaleSpanView {
  spanId: string;
  documentVersionId: string;
  startChar: number;
  endChar: number;
  text: string | null;
  erased: boolean;
  /**
   * Where the same text occurs exactly once in the latest version; a suggestion only: the span
   * is never re-pointed, a new span must be pinned there.
   */
  suggestion: { documentVersionId: string; startChar: number; endChar: number } | null;
}

export interface StaleSpansReport {
  documentId: string;
  latestDocumentVersionId: string;
  spans: StaleSpanView[];
}

/** Spans pinned to superseded versions of a document, with relocation suggestions into the latest. */
export async function staleSpans(
  deps: EvidenceDeps,
  ctx: RequestContext,
  documentId: string,
): Promise<StaleSpansReport> {
  requireId('documentId', documentId);
  const generation = await liveGeneration(deps, ctx.orgId);
  const document = await findDocument(deps, ctx.orgId, generation, documentId);
  if (!document) throw notFound('EVIDENCE.DOCUMENT_NOT_FOUND', 'documentId', documentId);
  const { rows } = await deps.pool.query<SpanRow>(
    `SELECT ${SPAN_COLUMNS} FROM ${SPAN_FROM}
      WHERE s.org_id = $1 AND s.generation = $2 AND s.document_id = $3 AND s.document_version_id <> d.latest_version_id
      ORDER BY s.pinned_seq, s.span_id`,
    [ctx.orgId, generation, documentId],
  );
  const latest = (await documentVersions(deps, ctx.orgId, generation, documentId)).find(
    (v) => v.documentVersionId === document.latestVersionId,
  );
  const eventIds = rows.map((row) => row.event_id);
  if (latest) eventIds.push(latest.eventId);
  const events = await personalParts(deps.store, ctx.orgId, eventIds);
  const latestContent = latest ? personalText(events.get(latest.eventId), 'content') : null;
  return {
    documentId,
    latestDocumentVersionId: document.latestVersionId,
    spans: rows.map((row) => {
      const text = personalText(events.get(row.event_id), 'text');
      const moved =
        text !== null && text.length > 0 && latestContent !== null ? suggestRelocation(text, latestContent) : null;
      return {
        spanId: row.span_id,
        documentVersionId: row.document_version_id,
        startChar: row.start_char,
        endChar: row.end_char,
        text,
        erased: text === null,
        suggestion: moved && { documentVersionId: document.latestVersionId, ...moved },
      };
    }),
  };
}
