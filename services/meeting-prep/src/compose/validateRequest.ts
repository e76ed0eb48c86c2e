import { checkPinnedSpan } from '../citations/citation';
import { meetingPrepError } from '../meetingPrepError';
import type { BriefOptions, BriefRequest } from './briefInput';

/** The brief's id becomes a stream name (`brief-<id>`) and a prefix of its bullets' ids. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

function invalid(field: string, rule: string) {
  return meetingPrepError('MEETING_PREP.INVALID_FIELD', field, rule);
}

function requireUnique(values: readonly string[], field: (i: number) => string): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value))
      throw meetingPrepError('MEETING_PREP.DUPLICATE_INPUT', field(i), 'must not repeat an earlier id');
    seen.add(value);
  });
}

function checkSubject(request: BriefRequest): void {
  const { subject } = request;
  if (subject.kind !== 'Client' && subject.kind !== 'Household')
    throw invalid('subject.kind', 'must be Client or Household');
  if (!subject.entityId) throw invalid('subject.entityId', 'must be a non-empty string');
  if (!subject.label || subject.label.trim().length === 0) throw invalid('subject.label', 'must be a non-blank string');
  subject.mentions.forEach((m, i) => checkPinnedSpan(m.span, `subject.mentions[${i}].span`));
  requireUnique(
    subject.mentions.map((m) => m.mentionId),
    (i) => `subject.mentions[${i}].mentionId`,
  );
}

function checkClaims(request: BriefRequest): void {
  request.claims.forEach((claim, i) => {
    if (!Number.isSafeInteger(claim.revision) || claim.revision < 0) {
      throw invalid(`claims[${i}].revision`, 'must be an integer >= 0');
    }
    if (claim.citations.length === 0) {
      throw meetingPrepError('MEETING_PREP.CITATION_REQUIRED', `claims[${i}].citations`, 'a claim must cite a span');
    }
    claim.citations.forEach((span, j) => checkPinnedSpan(span, `claims[${i}].citations[${j}]`));
  });
  requireUnique(
    request.claims.map((c) => c.claimId),
    (i) => `claims[${i}].claimId`,
  );
}

/** Refuses a request whose answer would depend on input order or could not be cited. */
export function validateRequest(request: BriefRequest, options: BriefOptions): void {
  if (!ID_PATTERN.test(request.briefId)) throw invalid('briefId', `must match ${ID_PATTERN.source}`);
  if (!request.orgId) throw invalid('orgId', 'must be a non-empty string');
  if (!Number.isSafeInteger(options.excerptLength) || options.excerptLength < 20) {
    throw invalid('options.excerptLength', 'must be an integer >= 20');
  }
  checkSubject(request);
  checkClaims(request);
  requireUnique(
    request.threads.map((t) => t.threadId),
    (i) => `threads[${i}].threadId`,
  );
  const versions = request.threads.flatMap((t, i) =>
    t.messages.map((m, j) => ({ id: m.documentVersionId, at: `threads[${i}].messages[${j}]` })),
  );
  const ats = versions.map((v) => v.at);
  requireUnique(
    versions.map((v) => v.id),
    (k) => `${ats[k]}.documentVersionId`,
  );
}
