import { meetingPrepError } from '../meetingPrepError';

/** At least one: `[]` is not assignable, so an uncited bullet cannot be written down. */
export type NonEmpty<T> = readonly [T, ...T[]];

/**
 * C-05: a location pinned to one exact document version, 0-based half-open UTF-16 offsets.
 * `spanId` names an evidence span when the location is one; null for a location the brief pins
 * itself (a message excerpt, a phrase occurrence).
 */
export interface PinnedSpan {
  spanId: string | null;
  documentId: string;
  documentVersionId: string;
  startChar: number;
  endChar: number;
}

/** What a bullet cites; each kind resolves to one or more pinned spans. */
export type Citation =
  | { kind: 'claim'; claimId: string; claimRevision: number; spans: NonEmpty<PinnedSpan> }
  | { kind: 'mention'; mentionId: string; span: PinnedSpan }
  | { kind: 'span'; span: PinnedSpan };

export function citedSpans(citation: Citation): readonly PinnedSpan[] {
  return citation.kind === 'claim' ? citation.spans : [citation.span];
}

function invalid(field: string, rule: string) {
  return meetingPrepError('MEETING_PREP.INVALID_CITATION', field, rule);
}

function checkId(field: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) throw invalid(field, 'must be a non-empty string');
}

export function checkPinnedSpan(span: PinnedSpan, field: string): void {
  if (span.spanId !== null) checkId(`${field}.spanId`, span.spanId);
  checkId(`${field}.documentId`, span.documentId);
  checkId(`${field}.documentVersionId`, span.documentVersionId);
  if (!Number.isSafeInteger(span.startChar) || span.startChar < 0) {
    throw invalid(`${field}.startChar`, 'must be an integer >= 0');
  }
  if (!Number.isSafeInteger(span.endChar) || span.endChar <= span.startChar) {
    throw invalid(`${field}.endChar`, 'must be an integer > startChar');
  }
}

/** Runtime twin of the type: refuses what a cast or a JavaScript caller could slip past the compiler. */
export function checkCitations(citations: readonly Citation[], field: string): void {
  if (!Array.isArray(citations) || citations.length === 0) {
    throw meetingPrepError('MEETING_PREP.CITATION_REQUIRED', field, 'must cite at least one claim, mention or span');
  }
  citations.forEach((citation, i) => {
    const at = `${field}[${i}]`;
    if (citation.kind === 'claim') {
      checkId(`${at}.claimId`, citation.claimId);
      const spans: readonly PinnedSpan[] = citation.spans;
      if (!Array.isArray(spans) || spans.length === 0) {
        throw meetingPrepError('MEETING_PREP.CITATION_REQUIRED', `${at}.spans`, 'a claim must resolve to a span');
      }
      spans.forEach((span: PinnedSpan, j: number) => checkPinnedSpan(span, `${at}.spans[${j}]`));
    } else if (citation.kind === 'mention' || citation.kind === 'span') {
      if (citation.kind === 'mention') checkId(`${at}.mentionId`, citation.mentionId);
      checkPinnedSpan(citation.span, `${at}.span`);
    } else {
      throw invalid(`${at}.kind`, 'must be claim, mention or span');
    }
  });
}
