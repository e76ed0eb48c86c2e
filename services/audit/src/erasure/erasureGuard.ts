import type { Coverage } from '@ledger/ledger';

/**
 * What keeps a stream's personal data from being erased at a time: the legal holds in force on
 * it and the end of its retention. `Retention` of @ledger/ledger answers it; erasure takes only
 * this port, so its tests and tools can pass the real one or another source.
 */
export interface ErasureGuard {
  coverage(orgId: string, streamId: string, at: Date): Promise<Coverage>;
}

/** GDPR Art. 17(3)(b): a legal obligation to keep the data (a retention period). */
export const RETENTION_LEGAL_BASIS = 'GDPR Art. 17(3)(b)';
/** GDPR Art. 17(3)(e): the establishment, exercise or defence of legal claims (a legal hold). */
export const HOLD_LEGAL_BASIS = 'GDPR Art. 17(3)(e)';

export type StreamDecision =
  | { readonly streamId: string; readonly decision: 'erase' }
  | {
      readonly streamId: string;
      readonly decision: 'retain';
      readonly legalBasis: string;
      readonly retainedUntil: string;
    }
  | {
      readonly streamId: string;
      readonly decision: 'hold';
      readonly legalBasis: string;
      /** The ids of the holds in force. */
      readonly heldBy: readonly string[];
    };

/** What erasure may do with a stream at `at`: a hold outranks retention; a retention past is no cover. */
export async function decide(guard: ErasureGuard, orgId: string, streamId: string, at: Date): Promise<StreamDecision> {
  const { heldBy, retainedUntil } = await guard.coverage(orgId, streamId, at);
  if (heldBy.length > 0) return { streamId, decision: 'hold', legalBasis: HOLD_LEGAL_BASIS, heldBy };
  if (retainedUntil !== null && retainedUntil.getTime() > at.getTime()) {
    return {
      streamId,
      decision: 'retain',
      legalBasis: RETENTION_LEGAL_BASIS,
      retainedUntil: retainedUntil.toISOString(),
    };
  }
  return { streamId, decision: 'erase' };
}
