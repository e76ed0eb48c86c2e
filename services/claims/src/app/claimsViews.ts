import type { LiteralValue } from '../claims/claimEvents';
import type { ClaimStatus } from '../claims/claimState';
import type { SpanReference } from '../spans/spanReference';
import type { ReasonState } from './reasonReads';

/** What commands answer: ids and revisions; read the resource for its full view. */
export interface EntityReceipt {
  entityId: string;
  kind: string;
  revision: number;
}

export interface MentionReceipt {
  entityId: string;
  mentionId: string;
  span: SpanReference;
  retracted: boolean;
  revision: number;
}

export interface ClaimReceipt {
  claimId: string;
  status: Exclude<ClaimStatus, 'absent'>;
  revision: number;
  supersededBy?: string;
}

export interface SupersedeReceipt extends ClaimReceipt {
  replacement: ClaimReceipt;
}

export interface MentionView {
  mentionId: string;
  span: SpanReference;
  addedAt: string;
  retracted: boolean;
  /** Sealed in the ledger, opened at read time; see `reasonState`. */
  reason: string | null;
  reasonState: ReasonState;
  retractedAt: string | null;
}

/** `label` is null when it was erased (crypto-shredded) or withheld from the caller's role. */
export interface EntityView {
  entityId: string;
  kind: string;
  label: string | null;
  labelState: 'present' | 'erased' | 'withheld';
  createdAt: string;
  revision: number;
  mentions: MentionView[];
}

export type ClaimObjectView =
  | { kind: 'entity'; entityId: string }
  | { kind: 'literal'; value: LiteralValue | null; valueState: 'present' | 'erased' | 'withheld' };

export interface ClaimView {
  claimId: string;
  subjectEntityId: string;
  predicate: string;
  object: ClaimObjectView;
  citations: SpanReference[];
  status: Exclude<ClaimStatus, 'absent'>;
  supersedes: string | null;
  supersededBy: string | null;
  reason: string | null;
  reasonState: ReasonState;
  revision: number;
  assertedAt: string;
  /** True when a cited span pins a version that is no longer its document's latest. */
  staleEvidence: boolean;
  staleSpanIds: string[];
}

export interface ClaimHistoryEntry {
  type: 'asserted' | 'superseded' | 'retracted';
  eventId: string;
  at: string;
  actor: string | null;
  reason: string | null;
  reasonState: ReasonState;
  supersedes: string | null;
  supersededBy: string | null;
}

export interface ClaimDetailView extends ClaimView {
  history: ClaimHistoryEntry[];
}

export interface ClaimList {
  items: ClaimView[];
  nextCursor: string | null;
}
