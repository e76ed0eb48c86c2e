/** What keeps a stream's personal data from being erased at a time: a legal hold, a retention period. */
export interface StreamCoverage {
  /** The hold that covers the stream, by id; null when none does. */
  readonly heldBy: string | null;
  /** The end of the retention period that covers it; null (or past) when none does. */
  readonly retainedUntil: Date | null;
}

/**
 * Answers, per stream, what covers it at a time. Erasure takes this port rather than a retention
 * implementation, so that the retention classes and legal holds plug in where they are kept.
 */
export interface ErasureGuard {
  coverage(orgId: string, streamId: string, at: Date): Promise<StreamCoverage>;
}

/** No retention class or hold is configured: nothing covers any stream. */
export const NOTHING_RETAINED: ErasureGuard = {
  coverage: () => Promise.resolve({ heldBy: null, retainedUntil: null }),
};

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
  | { readonly streamId: string; readonly decision: 'hold'; readonly legalBasis: string; readonly heldBy: string };

/** What erasure may do with a stream at `at`: a hold outranks retention; a retention past is no cover. */
export async function decide(guard: ErasureGuard, orgId: string, streamId: string, at: Date): Promise<StreamDecision> {
  const { heldBy, retainedUntil } = await guard.coverage(orgId, streamId, at);
  if (heldBy !== null) return { streamId, decision: 'hold', legalBasis: HOLD_LEGAL_BASIS, heldBy };
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
