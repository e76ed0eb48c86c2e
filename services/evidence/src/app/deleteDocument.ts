import type { JsonObject } from '@ledger/ledger';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import { decideDelete } from '../documents/decideDelete';
import { documentStreamId } from '../documents/documentIdentity';
import { invalidField, notFound } from '../evidenceError';
import { retryOnConflict } from './conflictRetry';
import { loadDocument } from './documentStream';
import type { EvidenceDeps } from './evidenceDeps';
import { requireId } from './validateInput';

/** Why a document was deleted: a fixed vocabulary, so no free text (and no personal data) enters the clear payload. */
export const TOMBSTONE_REASONS = ['deleted_by_user', 'deleted_in_provider'] as const;
export type TombstoneReason = (typeof TOMBSTONE_REASONS)[number];

export interface DeleteResult {
  documentId: string;
  tombstoned: true;
  /** False when the document was already tombstoned: nothing was appended. */
  changed: boolean;
}

/** Tombstones a document: it, its versions and its spans stay; re-ingesting the message resurrects it. */
export async function deleteDocument(
  deps: EvidenceDeps,
  ctx: RequestContext,
  documentId: string,
  reason: TombstoneReason = 'deleted_by_user',
): Promise<DeleteResult> {
  requireId('documentId', documentId);
  if (!TOMBSTONE_REASONS.includes(reason))
    throw invalidField('reason', `must be one of ${TOMBSTONE_REASONS.join(', ')}`);
  return retryOnConflict(async () => {
    const loaded = await loadDocument(deps.store, ctx.orgId, documentId);
    if (!loaded.state.exists) throw notFound('EVIDENCE.DOCUMENT_NOT_FOUND', 'documentId', documentId);
    const events = decideDelete(documentId, loaded.state, reason);
    if (events.length === 0) return { documentId, tombstoned: true, changed: false };
    const appended = await deps.store.append({
      orgId: ctx.orgId,
      streamId: documentStreamId(documentId),
      expectedRevision: loaded.expectedRevision,
      events: events.map((event) => ({
        type: event.type,
        data: event.data as unknown as JsonObject,
        metadata: eventMetadata(ctx),
      })),
    });
    await deps.waiter.waitFor(ctx.orgId, appended.positions);
    return { documentId, tombstoned: true, changed: true };
  });
}
