import { claimsError } from '../claimsError';
import type { ClaimsConfig } from '../config/claimsConfig';
import { resolveCitations, type SpanLookup } from '../spans/spanReference';
import { requireId, requireReason } from '../validation';
import {
  CLAIM_ASSERTED,
  CLAIM_ENDED_VERSION,
  CLAIM_RETRACTED,
  CLAIM_SUPERSEDED,
  type ClaimEvent,
  type ClaimObject,
} from './claimEvents';
import type { ClaimState } from './claimState';
import { checkRelation, type EntityLookup } from './checkRelation';

export interface AssertClaim {
  orgId: string;
  claimId: string;
  subjectEntityId: string;
  predicate: string;
  object: ClaimObject;
  /** Evidence spans cited, at least one. */
  spanIds: readonly string[];
}

/** Facts the caller looked up for the entities and spans a command names. */
export interface ClaimFacts {
  entities: EntityLookup;
  spans: SpanLookup;
}

export function decideAssertClaim(
  state: ClaimState,
  command: AssertClaim,
  facts: ClaimFacts,
  config: ClaimsConfig,
  supersedes: string | null = null,
  prefix = '',
): ClaimEvent[] {
  const claimId = requireId(`${prefix}claimId`, command.claimId);
  if (state.status !== 'absent') {
    throw claimsError('CLAIMS.CLAIM_EXISTS', `${prefix}claimId`, 'must name a new claim', { claimId });
  }
  checkRelation(command, facts.entities, config, prefix);
  const citations = resolveCitations(command.orgId, command.spanIds, facts.spans, `${prefix}spanIds`);
  const { subjectEntityId, predicate, object } = command;
  const data = { claimId, subjectEntityId, predicate, citations, supersedes };
  if (object.kind === 'entity') {
    return [{ type: CLAIM_ASSERTED, data: { ...data, object: { kind: 'entity', entityId: object.entityId } } }];
  }
  return [
    { type: CLAIM_ASSERTED, data: { ...data, object: { kind: 'literal' } }, personal: { literal: object.value } },
  ];
}

function requireCurrent(state: ClaimState, claimId: string): void {
  if (state.status === 'absent') throw claimsError('CLAIMS.CLAIM_NOT_FOUND', 'claimId', 'must name an existing claim');
  if (state.status !== 'current') {
    throw claimsError('CLAIMS.CLAIM_NOT_CURRENT', 'claimId', `must be current, is ${state.status}`, {
      claimId,
      status: state.status,
      supersededBy: state.supersededBy,
    });
  }
}

export interface RetractClaim {
  claimId: string;
  reason: string;
}

/** Retraction withdraws a current claim; its assertion stays in the stream. */
export function decideRetractClaim(state: ClaimState, command: RetractClaim): ClaimEvent[] {
  const reason = requireReason(command.reason);
  requireCurrent(state, command.claimId);
  return [
    {
      type: CLAIM_RETRACTED,
      schemaVersion: CLAIM_ENDED_VERSION,
      data: { claimId: command.claimId },
      personal: { reason },
    },
  ];
}

export interface SupersedeClaim {
  claimId: string;
  reason: string;
  replacement: AssertClaim;
}

/** Events for the two streams a supersession writes: the old claim's and its replacement's. */
export interface SupersedeDecision {
  superseded: ClaimEvent[];
  replacement: ClaimEvent[];
}

/**
 * Supersession corrects a fact about the same subject: the replacement keeps the subject (to
 * change the subject, retract and assert) and cites its own evidence; the old claim stays in
 * history, marked superseded by the new one.
 */
export function decideSupersedeClaim(
  old: ClaimState,
  replacementState: ClaimState,
  command: SupersedeClaim,
  facts: ClaimFacts,
  config: ClaimsConfig,
): SupersedeDecision {
  const reason = requireReason(command.reason);
  requireCurrent(old, command.claimId);
  const { replacement } = command;
  if (replacement.claimId === command.claimId) {
    throw claimsError('CLAIMS.INVALID_FIELD', 'replacement.claimId', 'must differ from the superseded claim');
  }
  if (replacement.subjectEntityId !== old.subjectEntityId) {
    throw claimsError(
      'CLAIMS.INVALID_FIELD',
      'replacement.subjectEntityId',
      "must equal the superseded claim's subject",
    );
  }
  const events = decideAssertClaim(replacementState, replacement, facts, config, command.claimId, 'replacement.');
  return {
    superseded: [
      {
        type: CLAIM_SUPERSEDED,
        schemaVersion: CLAIM_ENDED_VERSION,
        data: { claimId: command.claimId, supersededBy: replacement.claimId },
        personal: { reason },
      },
    ],
    replacement: events,
  };
}
