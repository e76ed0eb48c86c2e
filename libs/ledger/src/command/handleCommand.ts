import type { AppendResult, EventMetadata, NewEvent, RecordedEvent } from '../events/types';
import type { PersonalAccess } from '../read/unsealPersonal';
import type { EventStore } from '../store/eventStore';

/** An event a decision produces; the command's metadata is added to each. */
export type CommandEvent = Omit<NewEvent, 'metadata'>;

/** What a command needs of a store: reading its stream and appending to it. */
export type CommandStore = Pick<EventStore, 'readStream' | 'append'>;

/** The stream as `decide` sees it: the revision read (-1 when it has no events). */
export interface LoadedStream {
  revision: number;
}

export interface CommandOptions<S> {
  orgId: string;
  streamId: string;
  /** A fresh state for each attempt, so an `evolve` that mutates cannot leak into a retry. */
  initialState: () => S;
  /** Folds one stored event; the stream may hold types this command does not know, which it skips. */
  evolve: (state: S, event: RecordedEvent) => S;
  /** Returns the events to append (none: nothing is written) or throws a domain error. */
  decide: (state: S, stream: LoadedStream) => readonly CommandEvent[] | Promise<readonly CommandEvent[]>;
  metadata: EventMetadata;
  /** Attempts in all, the first included (default 3); past them a version conflict surfaces. */
  maxAttempts?: number;
  /** How the stream is read for folding (default: personal parts withheld). */
  personal?: PersonalAccess;
}

export interface CommandResult<S> {
  /** The state the accepted decision was made on. */
  state: S;
  /** The revision that state was read at. */
  revision: number;
  events: readonly CommandEvent[];
  /** Null when the decision produced no events. */
  appended: AppendResult | null;
  attempts: number;
}

export const DEFAULT_COMMAND_ATTEMPTS = 3;

function isVersionConflict(error: unknown): boolean {
  // Codes, not classes: the conflict may come from another copy of this library.
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'LEDGER.VERSION_CONFLICT'
  );
}

async function load<S>(store: CommandStore, options: CommandOptions<S>): Promise<{ state: S; revision: number }> {
  let state = options.initialState();
  let revision = -1;
  const reading = store.readStream(options.orgId, options.streamId, { personal: options.personal ?? 'withhold' });
  for await (const event of reading) {
    state = options.evolve(state, event);
    revision = event.streamRevision;
  }
  return { state, revision };
}

/**
 * Load the stream, fold it, decide, and append at exactly the revision read, so a decision
 * never lands on a state it did not see. When another writer got there first the append fails
 * with LEDGER.VERSION_CONFLICT and the whole cycle runs again on the new state, at most
 * `maxAttempts` times. A conflict `decide` raises itself (a caller's stale revision) is not
 * retried: only the append's is.
 */
export async function handleCommand<S>(store: CommandStore, options: CommandOptions<S>): Promise<CommandResult<S>> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_COMMAND_ATTEMPTS;
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1)
    throw new RangeError('maxAttempts must be an integer >= 1');
  for (let attempt = 1; ; attempt++) {
    const { state, revision } = await load(store, options);
    const events = await options.decide(state, { revision });
    if (events.length === 0) return { state, revision, events, appended: null, attempts: attempt };
    try {
      const appended = await store.append({
        orgId: options.orgId,
        streamId: options.streamId,
        expectedRevision: revision < 0 ? 'no_stream' : revision,
        events: events.map((event) => ({ ...event, metadata: options.metadata })),
      });
      return { state, revision, events, appended, attempts: attempt };
    } catch (error) {
      if (!isVersionConflict(error) || attempt >= maxAttempts) throw error;
    }
  }
}
