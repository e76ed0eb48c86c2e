import { readRecordHistory, type RecordHistory } from '@ledger/ledger';
import type { RequestContext } from '@ledger/tenancy';
import { notFound } from '../evidenceError';
import type { EvidenceDeps } from '../app/evidenceDeps';
import { requireId } from '../app/validateInput';
import { SPAN_PINNED } from '../app/spanEvents';
import { documentStreamId } from '../documents/documentIdentity';
import { DOCUMENT_INGESTED, DOCUMENT_RESURRECTED, DOCUMENT_VERSION_ADDED } from '../documents/documentEvents';
import { CONTENT_ROLES } from '../read-document/readDocument.handler';

/** Their personal part is the message or nothing, never a reason: shredding them loses no reason. */
const WITHOUT_REASON: ReadonlySet<string> = new Set([
  DOCUMENT_INGESTED,
  DOCUMENT_VERSION_ADDED,
  DOCUMENT_RESURRECTED,
  SPAN_PINNED,
]);

/**
 * Every change of a document, from its ledger stream: each ingested version, tombstone,
 * resurrection and pinned span, and any other event on the stream, by type, actor, time and
 * reason; with the retention classes, legal holds and shreds that concern it.
 */
export async function documentHistory(
  deps: Pick<EvidenceDeps, 'store'>,
  ctx: RequestContext,
  documentId: string,
): Promise<RecordHistory> {
  requireId('documentId', documentId);
  const history = await readRecordHistory(deps.store, ctx.orgId, documentStreamId(documentId), {
    personal: CONTENT_ROLES.includes(ctx.role) ? 'decrypt' : 'withhold',
    withoutReason: WITHOUT_REASON,
  });
  if (!history) throw notFound('EVIDENCE.DOCUMENT_NOT_FOUND', 'documentId', documentId);
  return history;
}
