import type { EventStore, RecordedEvent } from '@ledger/ledger';
import {
  CLAIM_ASSERTED,
  CLAIM_RETRACTED,
  CLAIM_SUPERSEDED,
  claimStreamId,
  type ClaimEvent,
} from '../claims/claimEvents';
import { evolveClaim, NO_CLAIM, type ClaimState } from '../claims/claimState';
import {
  ENTITY_CREATED,
  entityStreamId,
  MENTION_ADDED,
  MENTION_RETRACTED,
  type EntityEvent,
} from '../entities/entityEvents';
import { evolveEntity, NO_ENTITY, type EntityState } from '../entities/entityState';
import type { RequestCommand } from '@ledger/host';

/** A stream's folded state and the revision it was read at (-1: no stream). */
export interface Loaded<S> {
  state: S;
  revision: number;
}

type StreamOf<S> = Omit<RequestCommand<S>, 'decide'>;

const ENTITY_TYPES = new Set<string>([ENTITY_CREATED, MENTION_ADDED, MENTION_RETRACTED]);
const CLAIM_TYPES = new Set<string>([CLAIM_ASSERTED, CLAIM_SUPERSEDED, CLAIM_RETRACTED]);

/** Our own streams hold only events our decide functions produced, so their data has those shapes. */
function asDomain<E>(event: RecordedEvent): E {
  return { type: event.type, data: event.data } as unknown as E;
}

/*
 * A conflict reaches the caller (409) instead of being decided again: what these commands answer
 * depends on the state they decided on (exists, retracted, superseded by whom), and the caller
 * asked about the state it saw. Folding needs no personal data: it stays encrypted.
 */
export function entityStream(entityId: string): StreamOf<EntityState> {
  return {
    streamId: entityStreamId(entityId),
    initialState: () => NO_ENTITY,
    evolve: (state, event) =>
      ENTITY_TYPES.has(event.type) ? evolveEntity(state, asDomain<EntityEvent>(event)) : state,
    maxAttempts: 1,
    personal: 'withhold',
  };
}

export function claimStream(claimId: string): StreamOf<ClaimState> {
  return {
    streamId: claimStreamId(claimId),
    initialState: () => NO_CLAIM,
    evolve: (state, event) => (CLAIM_TYPES.has(event.type) ? evolveClaim(state, asDomain<ClaimEvent>(event)) : state),
    maxAttempts: 1,
    personal: 'withhold',
  };
}

export async function loadClaim(store: EventStore, orgId: string, claimId: string): Promise<Loaded<ClaimState>> {
  const { initialState, evolve, streamId } = claimStream(claimId);
  let state = initialState();
  let revision = -1;
  for await (const event of store.readStream(orgId, streamId, { personal: 'withhold' })) {
    state = evolve(state, event);
    revision = event.streamRevision;
  }
  return { state, revision };
}

/** The revision a new event must be appended at: exactly the one read, or an empty stream. */
export function expectedAt(revision: number): number | 'no_stream' {
  return revision < 0 ? 'no_stream' : revision;
}
