import type { SpanReference } from '../spans/spanReference';

/**
 * Event types of a `claim-<id>` stream. A literal object is a claim statement: personal. Ending
 * a claim is appended at schema version 2, its reason sealed; version 1 events, reason in clear,
 * stay readable.
 */
export const CLAIM_ASSERTED = 'ClaimAsserted';
export const CLAIM_SUPERSEDED = 'ClaimSuperseded';
export const CLAIM_RETRACTED = 'ClaimRetracted';
export const CLAIM_ENDED_VERSION = 2;

export const CLAIM_STREAM_CATEGORY = 'claim';

export function claimStreamId(claimId: string): string {
  return `${CLAIM_STREAM_CATEGORY}-${claimId}`;
}

export type LiteralValue = string | number | boolean;

/** The object as a command states it. */
export type ClaimObject = { kind: 'entity'; entityId: string } | { kind: 'literal'; value: LiteralValue };

/** The object as stored in clear: a literal's value travels in the personal part. */
export type StoredClaimObject = { kind: 'entity'; entityId: string } | { kind: 'literal' };

export interface ClaimAssertedData {
  claimId: string;
  subjectEntityId: string;
  predicate: string;
  object: StoredClaimObject;
  citations: SpanReference[];
  /** The claim this one replaces, or null. */
  supersedes: string | null;
}

export type ClaimEvent =
  | { type: typeof CLAIM_ASSERTED; data: ClaimAssertedData; personal?: { literal: LiteralValue } }
  | {
      type: typeof CLAIM_SUPERSEDED;
      schemaVersion: typeof CLAIM_ENDED_VERSION;
      data: { claimId: string; supersededBy: string };
      personal: { reason: string };
    }
  | {
      type: typeof CLAIM_RETRACTED;
      schemaVersion: typeof CLAIM_ENDED_VERSION;
      data: { claimId: string };
      personal: { reason: string };
    };
