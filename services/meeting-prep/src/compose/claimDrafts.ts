import { findPhrases, withhold } from '../compliance/compliancePhrases';
import type { BriefOptions, BriefRequest, ClaimInput, EntityRef } from './briefInput';
import { claimCitation, nonEmpty, predicateWords, type KeyedDraft } from './keyedDraft';
import { sortBy } from './order';

function objectText(claim: ClaimInput): string {
  if (claim.object.kind === 'entity') return claim.object.entity.label;
  const value = claim.object.value;
  return typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
}

function phraseRules(claim: ClaimInput, options: BriefOptions): string[] {
  const texts = [claim.subject.label, objectText(claim)];
  const rules = texts.flatMap((text) => findPhrases(text, options.compliancePhrases).map((m) => m.ruleId));
  return [...new Set(rules)].sort();
}

/** The action item a claim is about, if any: its subject, or else its object. */
function actionItemOf(claim: ClaimInput, options: BriefOptions): EntityRef | null {
  if (options.actionItemKinds.includes(claim.subject.kind)) return claim.subject;
  const object = claim.object;
  return object.kind === 'entity' && options.actionItemKinds.includes(object.entity.kind) ? object.entity : null;
}

function subjectDraft(request: BriefRequest, options: BriefOptions): KeyedDraft[] {
  const { subject } = request;
  if (subject.mentions.length === 0) return [];
  const mentions = sortBy(subject.mentions, (m) => [m.mentionId]);
  const citations = mentions.map((m) => ({ kind: 'mention' as const, mentionId: m.mentionId, span: m.span }));
  const text = `Brief for ${withhold(subject.label, options.compliancePhrases)} (${subject.kind}).`;
  return [{ key: ['0'], draft: { section: 'summary', text, citations: nonEmpty(citations, 'subject.mentions') } }];
}

function summaryDraft(claim: ClaimInput): KeyedDraft {
  const stale = claim.staleEvidence ? ' (cited evidence has a newer version: verify)' : '';
  const text = `${claim.subject.label}: ${predicateWords(claim.predicate)} ${objectText(claim)}${stale}.`;
  return {
    key: ['1', claim.predicate, text, claim.claimId],
    draft: { section: 'summary', text, citations: [claimCitation(claim)] },
  };
}

function complianceDraft(claim: ClaimInput, rules: readonly string[]): KeyedDraft {
  const text =
    `Compliance-sensitive wording (rule ${rules.join(', ')}) appears in a recorded claim (${predicateWords(claim.predicate)}). ` +
    'It is not repeated here and is not a recommendation; verify against the cited sources.';
  return {
    key: ['claim', claim.claimId],
    draft: { section: 'complianceNotes', text, citations: [claimCitation(claim)] },
  };
}

function isClosing(claim: ClaimInput, item: EntityRef, options: BriefOptions): boolean {
  if (claim.subject.entityId !== item.entityId || !options.statusPredicates.includes(claim.predicate)) return false;
  return (
    claim.object.kind === 'literal' && options.closedStatuses.includes(String(claim.object.value).trim().toLowerCase())
  );
}

/** One bullet per action item no claim closes, citing every claim about it. */
function actionDraft(unsorted: readonly ClaimInput[], options: BriefOptions): KeyedDraft | null {
  const claims = sortBy(unsorted, (c) => [c.claimId]);
  // The label is taken from the first claim by id, so input order cannot change it.
  const item = actionItemOf(claims[0], options);
  if (!item) return null;
  if (claims.some((claim) => isClosing(claim, item, options))) return null;
  const holders = [
    ...new Set(claims.filter((c) => c.subject.entityId !== item.entityId).map((c) => c.subject.label)),
  ].sort();
  const statuses = claims.filter(
    (c) => c.subject.entityId === item.entityId && options.statusPredicates.includes(c.predicate),
  );
  const status = [...new Set(statuses.map(objectText))].sort();
  const text =
    `${item.label}` +
    (holders.length > 0 ? ` (for ${holders.join(', ')})` : '') +
    (status.length > 0 ? `; status: ${status.join(', ')}` : '') +
    '.';
  const citations = claims.map(claimCitation);
  return {
    key: [item.label, item.entityId],
    draft: { section: 'openActionItems', text, citations: nonEmpty(citations, 'claims') },
  };
}

/**
 * Summary, open action items and claim compliance notes. A claim whose wording carries a
 * compliance-sensitive phrase appears only as a compliance note, never restated.
 */
export function claimDrafts(request: BriefRequest, options: BriefOptions): KeyedDraft[] {
  const drafts = subjectDraft(request, options);
  const byItem = new Map<string, ClaimInput[]>();
  for (const claim of request.claims) {
    const rules = phraseRules(claim, options);
    if (rules.length > 0) {
      drafts.push(complianceDraft(claim, rules));
      continue;
    }
    const item = actionItemOf(claim, options);
    if (!item) {
      drafts.push(summaryDraft(claim));
      continue;
    }
    byItem.set(item.entityId, [...(byItem.get(item.entityId) ?? []), claim]);
  }
  for (const claims of byItem.values()) {
    const draft = actionDraft(claims, options);
    if (draft) drafts.push(draft);
  }
  return drafts;
}
