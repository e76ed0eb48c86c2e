import type { EventStore, JsonObject, NewEvent, RecordedEvent } from '@ledger/ledger';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import {
  CLAIM_ASSERTED,
  CLAIM_RETRACTED,
  CLAIM_SUPERSEDED,
  claimStreamId,
  type ClaimEvent,
} from '../claims/claimEvents';
import { foldClaim, type ClaimState } from '../claims/claimState';
import {
  ENTITY_CREATED,
  entityStreamId,
  MENTION_ADDED,
  MENTION_RETRACTED,
  type EntityEvent,
} from '../entities/entityEvents';
import { foldEntity, type EntityState } from '../entities/entityState';

/** A stream's folded state and the revision it was read at (-1: no stream). */
export interface Loaded<S> {
  state: S;
  revision: number;
}

async function readAll(store: EventStore, orgId: string, streamId: string): Promise<Loaded<RecordedEvent[]>> {
  const events: RecordedEvent[] = [];
  let revision = -1;
  // Folding needs no personal data: it stays encrypted.
  for await (const event of store.readStream(orgId, streamId, { personal: 'withhold' })) {
    events.push(event);
    revision = event.streamRevision;
  }
  return { state: events, revision };
}

const ENTITY_TYPES = new Set<string>([ENTITY_CREATED, MENTION_ADDED, MENTION_RETRACTED]);
const CLAIM_TYPES = new Set<string>([CLAIM_ASSERTED, CLAIM_SUPERSEDED, CLAIM_RETRACTED]);

/** Our own streams hold only events our decide functions produced, so their data has those shapes. */
function asDomain<E>(events: RecordedEvent[], types: ReadonlySet<string>): E[] {
  return events
    .filter((event) => types.has(event.type))
    .map((event) => ({ type: event.type, data: event.data }) as unknown as E);
}

export async function loadEntity(store: EventStore, orgId: string, entityId: string): Promise<Loaded<EntityState>> {
  const { state, revision } = await readAll(store, orgId, entityStreamId(entityId));
  return { state: foldEntity(asDomain<EntityEvent>(state, ENTITY_TYPES)), revision };
}

export async function loadClaim(store: EventStore, orgId: string, claimId: string): Promise<Loaded<ClaimState>> {
  const { state, revision } = await readAll(store, orgId, claimStreamId(claimId));
  return { state: foldClaim(asDomain<ClaimEvent>(state, CLAIM_TYPES)), revision };
}

/** The revision a new event must be appended at: exactly the one read, or an empty stream. */
export function expectedAt(revision: number): number | 'no_stream' {
  return revision < 0 ? 'no_stream' : revision;
}

/** Domain events are plain JSON by construction; they travel with the request's metadata. */
export function toNewEvents(
  events: readonly { type: string; data: object; personal?: object }[],
  ctx: RequestContext,
): NewEvent[] {
  const metadata = eventMetadata(ctx);
  return events.map((event) => {
    const next: NewEvent = { type: event.type, data: event.data as JsonObject, metadata };
    if (event.personal !== undefined) next.personal = event.personal as JsonObject;
    return next;
  });
}
