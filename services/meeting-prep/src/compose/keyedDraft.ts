import type { BulletDraft } from '../brief/bullet';
import type { Citation, NonEmpty, PinnedSpan } from '../citations/citation';
import { meetingPrepError } from '../meetingPrepError';
import type { ClaimInput } from './briefInput';
import { sortBy, spanKey, type SortKey } from './order';

/** A draft with the key it is ordered by within its section. */
export interface KeyedDraft {
  key: readonly SortKey[];
  draft: BulletDraft;
}

export function nonEmpty<T>(items: readonly T[], field: string): NonEmpty<T> {
  const [first, ...rest] = items;
  if (items.length === 0 || first === undefined) {
    throw meetingPrepError('MEETING_PREP.CITATION_REQUIRED', field, 'must hold at least one citation');
  }
  return [first, ...rest];
}

export function claimCitation(claim: ClaimInput): Citation {
  const spans = sortBy(claim.citations, spanKey);
  return { kind: 'claim', claimId: claim.claimId, claimRevision: claim.revision, spans: nonEmpty(spans, 'citations') };
}

export function spanCitation(span: PinnedSpan): Citation {
  return { kind: 'span', span };
}

/** camelCase predicate as words: `holdsAccount` → `holds account`. */
export function predicateWords(predicate: string): string {
  return predicate.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
