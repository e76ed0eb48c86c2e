import { LedgerError } from '@ledger/ledger';

/**
 * Runs a read-decide-append command again when a concurrent writer moved the stream between
 * its read and its append. Only for commands whose decision is idempotent given the stream
 * (ingest, pin): they re-read and decide afresh. The last conflict is rethrown (409).
 */
export async function retryOnConflict<T>(command: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await command();
    } catch (error) {
      if (!(error instanceof LedgerError && error.code === 'LEDGER.VERSION_CONFLICT') || attempt >= attempts)
        throw error;
    }
  }
}
