import type { ClaimObject } from '../claims/claimEvents';

/** Inputs of the use cases, as validated requests carry them; ids are generated when absent. */
export interface CreateEntityInput {
  entityId?: string;
  kind: string;
  label: string;
}

export interface AddMentionInput {
  mentionId?: string;
  spanId: string;
}

export interface RetractMentionInput {
  reason: string;
}

export interface AssertClaimInput {
  claimId?: string;
  subjectEntityId: string;
  predicate: string;
  object: ClaimObject;
  spanIds: string[];
}

export interface ReplacementInput {
  claimId?: string;
  /** Must equal the superseded claim's subject; taken from it when absent. */
  subjectEntityId?: string;
  predicate: string;
  object: ClaimObject;
  spanIds: string[];
}

export interface SupersedeClaimInput {
  reason: string;
  replacement: ReplacementInput;
  /** The superseded claim's revision the caller saw; a conflict when it no longer holds. */
  expectedRevision?: number;
}

export interface RetractClaimInput {
  reason: string;
  expectedRevision?: number;
}

export interface ListClaimsInput {
  subjectEntityId: string;
  /** `current` (default) lists current claims; `all` adds superseded and retracted ones. */
  include?: 'current' | 'all';
  limit?: number;
  cursor?: string;
}
