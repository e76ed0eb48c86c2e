import { EvidenceError } from '../evidenceError';
import { hasCode } from './hasCode';

/**
 * A document stream whose personal data was erased accepts no new personal data: the caller
 * hears that as a conflict with the erasure, not as a server error.
 */
export async function erasedAsConflict<T>(documentId: string, command: Promise<T>): Promise<T> {
  try {
    return await command;
  } catch (error) {
    if (hasCode(error, 'LEDGER.STREAM_ERASED')) {
      throw new EvidenceError('EVIDENCE.ALREADY_ERASED', `document ${documentId} was erased`, {
        field: 'documentId',
        documentId,
      });
    }
    throw error;
  }
}
