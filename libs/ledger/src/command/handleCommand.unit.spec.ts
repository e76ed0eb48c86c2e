import type { RecordedEvent } from '../events/types';
import { InMemoryEventStore } from '../store/inMemoryEventStore';
import { handleCommand, type CommandOptions } from './handleCommand';

const ORG = 'org-command';
const metadata = { actor: 'advisor-1', correlationId: 'req-1' };

interface Counter {
  value: number;
}

class DomainError extends Error {
  readonly code = 'COUNTER.TOO_LARGE';
}

const evolve = (state: Counter, event: RecordedEvent): Counter =>
  event.type === 'Added' ? { value: state.value + Number(event.data.by) } : state;

function addCommand(streamId: string, by: number, overrides: Partial<CommandOptions<Counter>> = {}) {
  return {
    orgId: ORG,
    streamId,
    initialState: () => ({ value: 0 }),
    evolve,
    decide: (state: Counter) => {
      if (state.value + by > 10) throw new DomainError('a counter holds at most 10');
      return [{ type: 'Added', data: { by } }];
    },
    metadata,
    ...overrides,
  };
}

async function typesOf(store: InMemoryEventStore, streamId: string): Promise<string[]> {
  const types: string[] = [];
  for await (const event of store.readStream(ORG, streamId)) types.push(event.type);
  return types;
}

/** Another writer appending to the stream between this command's read and its append. */
const concurrentAppend = (store: InMemoryEventStore, streamId: string) =>
  store.append({ orgId: ORG, streamId, expectedRevision: 'any', events: [{ type: 'Noted', data: {}, metadata }] });

describe('handleCommand', () => {
  let store: InMemoryEventStore;
  beforeEach(() => {
    store = new InMemoryEventStore();
  });

  it('creates a stream at no_stream, then appends at the revision it read', async () => {
    const first = await handleCommand(store, addCommand('counter-a', 4));
    expect(first).toMatchObject({ state: { value: 0 }, revision: -1, attempts: 1 });
    expect(first.appended).toMatchObject({ lastRevision: 0, alreadyStored: false });

    const second = await handleCommand(store, addCommand('counter-a', 5));
    expect(second).toMatchObject({ state: { value: 4 }, revision: 0, attempts: 1 });
    expect(second.appended?.lastRevision).toBe(1);
    const [event] = await store.readEvents(ORG, second.appended?.eventIds ?? []);
    expect(event.metadata).toEqual(metadata);
  });

  it('appends nothing when decide raises a domain error', async () => {
    await handleCommand(store, addCommand('counter-b', 8));
    await expect(handleCommand(store, addCommand('counter-b', 5))).rejects.toBeInstanceOf(DomainError);
    expect(await typesOf(store, 'counter-b')).toEqual(['Added']);
  });

  it('appends nothing when decide returns no events', async () => {
    const result = await handleCommand(store, addCommand('counter-c', 1, { decide: () => [] }));
    expect(result).toMatchObject({ appended: null, events: [], revision: -1 });
    expect(await store.hasEvents(ORG)).toBe(false);
  });

  it('retries on a conflict from a concurrent append and decides again on the new state', async () => {
    await handleCommand(store, addCommand('counter-d', 2));
    const seen: number[] = [];
    const result = await handleCommand(
      store,
      addCommand('counter-d', 3, {
        decide: async (state, stream) => {
          seen.push(stream.revision);
          if (seen.length === 1) await concurrentAppend(store, 'counter-d');
          return [{ type: 'Added', data: { by: 3 } }];
        },
      }),
    );
    expect(seen).toEqual([0, 1]);
    expect(result).toMatchObject({ attempts: 2, revision: 1 });
    expect(result.appended?.lastRevision).toBe(2);
    expect(await typesOf(store, 'counter-d')).toEqual(['Added', 'Noted', 'Added']);
  });

  it('gives up after maxAttempts and surfaces the version conflict', async () => {
    let decisions = 0;
    const always = addCommand('counter-e', 1, {
      maxAttempts: 4,
      decide: async () => {
        decisions++;
        await concurrentAppend(store, 'counter-e');
        return [{ type: 'Added', data: { by: 1 } }];
      },
    });
    await expect(handleCommand(store, always)).rejects.toMatchObject({
      code: 'LEDGER.VERSION_CONFLICT',
      streamId: 'counter-e',
      expected: 2,
      actual: 3,
    });
    expect(decisions).toBe(4);
    expect(await typesOf(store, 'counter-e')).toEqual(['Noted', 'Noted', 'Noted', 'Noted']);
  });

  it('does not retry a version conflict that decide raises itself', async () => {
    let decisions = 0;
    const stale = addCommand('counter-f', 1, {
      decide: () => {
        decisions++;
        throw Object.assign(new Error('stale revision'), { code: 'LEDGER.VERSION_CONFLICT' });
      },
    });
    await expect(handleCommand(store, stale)).rejects.toMatchObject({ code: 'LEDGER.VERSION_CONFLICT' });
    expect(decisions).toBe(1);
  });

  it('refuses a maxAttempts below one', async () => {
    await expect(handleCommand(store, addCommand('counter-g', 1, { maxAttempts: 0 }))).rejects.toBeInstanceOf(
      RangeError,
    );
  });
});
