import { InMemoryEventStore, type CommandEvent, type RecordedEvent } from '@ledger/ledger';
import { systemContext, type RequestContext } from '@ledger/tenancy';
import type { CommandDeps } from '@ledger/host';

/** Commands over the in-memory store: given events, when a command, then the events it appended. */
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

export const ORG = 'org-mem';

export function inMemoryCommands(orgId = ORG): InMemoryCommands {
  const store = new InMemoryEventStore();
  const waited: number[][] = [];
  const waiter = {
    settle: async (_orgId: string, positions: readonly number[]) => {
      waited.push([...positions]);
      return { behind: [], timedOut: false };
    },
  };
  return {
    deps: { store, waiter },
    store,
    waited,
    ctx: systemContext({ orgId, role: 'advisor', actor: 'advisor-1' }, 'req-mem'),
    async given(streamId, events) {
      const metadata = { actor: 'given' };
      await store.append({
        orgId,
        streamId,
        expectedRevision: 'any',
        events: events.map((e) => ({ ...e, metadata })),
      });
    },
    async events(streamId) {
      const found: RecordedEvent[] = [];
      for await (const event of store.readStream(orgId, streamId, { personal: 'decrypt' })) found.push(event);
      return found;
    },
  };
}
