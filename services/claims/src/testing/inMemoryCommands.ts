import { InMemoryEventStore, type CommandEvent, type RecordedEvent } from '@ledger/ledger';
import { systemContext, type RequestContext } from '@ledger/tenancy';
import type { CommandDeps } from '../app/claimsDeps';
import { entityLookup } from '../claims/checkRelation';
import { spanLookup } from '../spans/spanReference';
import { ENTITIES, ORG, SPANS } from './claimsFixtures';

/** Commands over the in-memory store, deciding with the fixtures' entities and spans. */
export interface InMemoryCommands {
  deps: CommandDeps;
  store: InMemoryEventStore;
  /** Positions each read-your-writes wait was asked for, in order. */
  waited: number[][];
  ctx: RequestContext;
  given(streamId: string, events: readonly CommandEvent[]): Promise<void>;
  /** The stream's events (personal parts decrypted), oldest first. */
  events(streamId: string): Promise<RecordedEvent[]>;
}

/** The facts lookup as the read models answer it: only what was asked for, of any org. */
function fixtureFacts(): CommandDeps['facts'] {
  const pick = <T>(all: ReadonlyMap<string, T>, ids: readonly unknown[]) =>
    [...all.entries()].filter(([id]) => ids.includes(id)).map(([, fact]) => fact);
  return {
    lookup: async (_orgId, entityIds, spanIds) => ({
      entities: entityLookup(pick(entityLookup(ENTITIES), entityIds)),
      spans: spanLookup(pick(spanLookup(SPANS), spanIds)),
    }),
  };
}

export function inMemoryCommands(): InMemoryCommands {
  const store = new InMemoryEventStore();
  const waited: number[][] = [];
  const waiter = {
    settle: async (_orgId: string, positions: readonly number[]) => {
      waited.push([...positions]);
      return { behind: [], timedOut: false };
    },
  };
  return {
    deps: { store, waiter, facts: fixtureFacts() },
    store,
    waited,
    ctx: systemContext({ orgId: ORG, role: 'advisor', actor: 'advisor-1' }, 'req-mem'),
    async given(streamId, events) {
      await store.append({
        orgId: ORG,
        streamId,
        expectedRevision: 'any',
        events: events.map((e) => ({ ...e, metadata: { actor: 'given' } })),
      });
    },
    async events(streamId) {
      const found: RecordedEvent[] = [];
      for await (const event of store.readStream(ORG, streamId, { personal: 'decrypt' })) found.push(event);
      return found;
    },
  };
}
