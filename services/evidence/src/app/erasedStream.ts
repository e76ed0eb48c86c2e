import { LedgerError, type AppendRequest, type AppendResult } from '@ledger/ledger';
import { EvidenceError } from '../evidenceError';
import type { EvidenceDeps } from './evidenceDeps';

/**
 * Appends to a document's stream; a stream whose personal data was erased accepts no new
 * personal data, which the caller hears as a conflict with the erasure, not as a server error.
 */
export async function appendOrErased(
  deps: EvidenceDeps,
  documentId: string,
  request: AppendRequest,
): Promise<AppendResult> {
  try {
    return await deps.store.append(request);
  } catch (error) {
    if (error instanceof LedgerError && error.code === 'LEDGER.STREAM_ERASED') {
      throw new EvidenceError('EVIDENCE.ALREADY_ERASED', `document ${documentId} was erased`, {
        field: 'documentId',
        documentId,
      });
    }
    throw error;
  }
}
