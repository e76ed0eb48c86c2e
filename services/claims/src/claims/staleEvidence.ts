import type { SpanReference } from '../spans/spanReference';

export interface StaleEvidence {
  stale: boolean;
  /** Cited spans whose version is no longer their document's latest, in citation order. */
  staleSpanIds: string[];
}

/**
 * A claim has stale evidence when any span it cites pins a version that is not its document's
 * latest. A document with no known latest version (unknown, or tombstoned and so absent from the
 * map) counts as stale: the evidence can no longer be shown to be current.
 */
export function staleEvidence(
  citations: readonly SpanReference[],
  latestVersionByDocument: ReadonlyMap<string, string>,
): StaleEvidence {
  const staleSpanIds = citations
    .filter((span) => latestVersionByDocument.get(span.documentId) !== span.documentVersionId)
    .map((span) => span.spanId);
  return { stale: staleSpanIds.length > 0, staleSpanIds };
}
