import { VersionConflictError } from '@ledger/ledger';
import { claimsError } from '../claimsError';
import { claimStreamId, type ClaimObject } from '../claims/claimEvents';
import type { ClaimState } from '../claims/claimState';
import type { Loaded } from './streams';

/** The entities a relation names: its subject and, when it is one, its object. */
export function namedEntities(subjectEntityId: unknown, object: ClaimObject | undefined): unknown[] {
  return [subjectEntityId, object?.kind === 'entity' ? object.entityId : undefined];
}

/**
 * A caller that states the revision it saw gets a conflict when the claim moved on since, even
 * if the change would still allow its command: it decided on a state that no longer holds.
 */
export function checkExpected(claimId: string, loaded: Loaded<ClaimState>, expected: number | undefined): void {
  if (loaded.state.status === 'absent') {
    throw claimsError('CLAIMS.CLAIM_NOT_FOUND', 'claimId', 'must name an existing claim');
  }
  if (expected !== undefined && expected !== loaded.revision) {
    throw new VersionConflictError(claimStreamId(claimId), expected, loaded.revision);
  }
}
