import type { PinnedSpan } from '../citations/citation';
import { DEFAULT_COMPLIANCE_PHRASES, type CompliancePhrase } from '../compliance/compliancePhrases';

export interface EntityRef {
  entityId: string;
  kind: string;
  label: string;
}

export interface MentionInput {
  mentionId: string;
  span: PinnedSpan;
}

/** A current claim about the subject as the claims projection serves it. */
export interface ClaimInput {
  claimId: string;
  /** Revision of the claim's stream the brief read. */
  revision: number;
  subject: EntityRef;
  predicate: string;
  object: { kind: 'entity'; entity: EntityRef } | { kind: 'literal'; value: string | number | boolean };
  citations: readonly PinnedSpan[];
  /** Whether a cited version has since been superseded (the claims service computes it). */
  staleEvidence: boolean;
}

/** A message of a thread: one document version, its exact content scanned for phrases. */
export interface MessageInput {
  messageId: string;
  documentId: string;
  documentVersionId: string;
  /** ISO 8601 instant. */
  sentAt: string;
  from: string;
  text: string;
}

export interface ThreadInput {
  threadId: string;
  participants: readonly string[];
  messages: readonly MessageInput[];
}

export interface BriefSubjectInput {
  kind: 'Client' | 'Household';
  entityId: string;
  label: string;
  /** Addresses of the client, or of the household's members: threads overlap on these. */
  emailAddresses: readonly string[];
  mentions: readonly MentionInput[];
}

export interface BriefRequest {
  orgId: string;
  briefId: string;
  subject: BriefSubjectInput;
  /** Calendar date, `YYYY-MM-DD`, taken as UTC. */
  meetingDate: string;
  claims: readonly ClaimInput[];
  threads: readonly ThreadInput[];
}

export interface BriefOptions {
  window: { daysBefore: number; daysAfter: number };
  compliancePhrases: readonly CompliancePhrase[];
  /** Entity kinds that are action items. */
  actionItemKinds: readonly string[];
  /** Predicates whose literal is an action item's status, and the statuses that close it (lower case). */
  statusPredicates: readonly string[];
  closedStatuses: readonly string[];
  /** Longest message excerpt quoted, in UTF-16 code units. */
  excerptLength: number;
}

export const DEFAULT_BRIEF_OPTIONS: BriefOptions = {
  window: { daysBefore: 30, daysAfter: 30 },
  compliancePhrases: DEFAULT_COMPLIANCE_PHRASES,
  actionItemKinds: ['ActionItem'],
  statusPredicates: ['status'],
  closedStatuses: ['done', 'closed', 'completed', 'cancelled'],
  excerptLength: 160,
};
