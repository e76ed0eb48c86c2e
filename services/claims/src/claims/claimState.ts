import type { SpanReference } from '../spans/spanReference';
import { CLAIM_ASSERTED, CLAIM_RETRACTED, CLAIM_SUPERSEDED, type ClaimEvent } from './claimEvents';

export type ClaimStatus = 'absent' | 'current' | 'superseded' | 'retracted';

export interface ClaimState {
  status: ClaimStatus;
  subjectEntityId: string | null;
  predicate: string | null;
  citations: readonly SpanReference[];
  supersededBy: string | null;
}

export const NO_CLAIM: ClaimState = {
  status: 'absent',
  subjectEntityId: null,
  predicate: null,
  citations: [],
  supersededBy: null,
};

export function evolveClaim(state: ClaimState, event: ClaimEvent): ClaimState {
  switch (event.type) {
    case CLAIM_ASSERTED: {
      const { subjectEntityId, predicate, citations } = event.data;
      return { ...state, status: 'current', subjectEntityId, predicate, citations };
    }
    case CLAIM_SUPERSEDED:
      return { ...state, status: 'superseded', supersededBy: event.data.supersededBy };
    case CLAIM_RETRACTED:
      return { ...state, status: 'retracted' };
  }
}

export function foldClaim(events: Iterable<ClaimEvent>): ClaimState {
  let state = NO_CLAIM;
  for (const event of events) state = evolveClaim(state, event);
  return state;
}
