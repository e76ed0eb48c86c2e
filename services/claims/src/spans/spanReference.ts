import type { SpanReference } from '@ledger/contracts';
import { claimsError } from '../claimsError';

/** C-05: a pinned span as cited; the contract's shape, which events carry and `readSpanReference` reads. */
export type { SpanReference };

/**
 * What the evidence service knows of a span when a command is decided. The claims service never
 * imports evidence: the caller looks these facts up (from its projection) and passes them in.
 */
export interface SpanFact extends SpanReference {
  orgId: string;
  /** Whether the span's version is still the latest of its document. */
  versionIsCurrent: boolean;
}

export type SpanLookup = ReadonlyMap<string, SpanFact>;

export function spanLookup(facts: Iterable<SpanFact>): SpanLookup {
  return new Map([...facts].map((fact) => [fact.spanId, fact]));
}

/**
 * Resolves one cited span id. A span of another org is reported exactly like a missing one, so
 * the error is no oracle for other orgs' ids. New citations must pin a current version: evidence
 * of a superseded version is re-pinned as a new span, never re-pointed.
 */
export function resolveSpan(orgId: string, spanId: string, spans: SpanLookup, field: string): SpanReference {
  const fact = spans.get(spanId);
  if (!fact || fact.orgId !== orgId) {
    throw claimsError('CLAIMS.SPAN_NOT_FOUND', field, 'must name an existing span of the same org', { spanId });
  }
  if (!fact.versionIsCurrent) {
    throw claimsError('CLAIMS.STALE_CITATION', field, "must pin its document's current version", {
      spanId,
      documentVersionId: fact.documentVersionId,
    });
  }
  const { documentId, documentVersionId, startChar, endChar } = fact;
  return { spanId, documentId, documentVersionId, startChar, endChar };
}

/** Resolves a non-empty list of distinct cited span ids, in the order cited. */
export function resolveCitations(
  orgId: string,
  spanIds: readonly string[],
  spans: SpanLookup,
  field = 'spanIds',
): SpanReference[] {
  if (!Array.isArray(spanIds) || spanIds.length === 0) {
    throw claimsError('CLAIMS.CITATION_REQUIRED', field, 'must cite at least one span');
  }
  return spanIds.map((spanId, i) => {
    const at = `${field}[${i}]`;
    if (spanIds.indexOf(spanId) !== i) throw claimsError('CLAIMS.INVALID_FIELD', at, 'must not repeat a span');
    return resolveSpan(orgId, spanId, spans, at);
  });
}
