import type { RequestContext } from '@ledger/tenancy';
import { decideDelete } from '../documents/decideDelete';
import { invalidField, notFound } from '../evidenceError';
import { documentStream } from '../app/documentStream';
import { commandEvents, runCommand, type CommandDeps } from '@ledger/host';
import { requireId } from '../app/validateInput';

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
  deps: CommandDeps,
  ctx: RequestContext,
  documentId: string,
  reason: TombstoneReason = 'deleted_by_user',
): Promise<DeleteResult> {
  requireId('documentId', documentId);
  if (!TOMBSTONE_REASONS.includes(reason))
    throw invalidField('reason', `must be one of ${TOMBSTONE_REASONS.join(', ')}`);
  const { events } = await runCommand(deps, ctx, {
    ...documentStream(documentId),
    decide: (loaded) => {
      if (!loaded.state.exists) throw notFound('EVIDENCE.DOCUMENT_NOT_FOUND', 'documentId', documentId);
      return commandEvents(decideDelete(documentId, loaded.state, reason));
    },
  });
  return { documentId, tombstoned: true, changed: events.length > 0 };
}
