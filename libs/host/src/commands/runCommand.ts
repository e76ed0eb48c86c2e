import {
  handleCommand,
  type CommandEvent,
  type CommandOptions,
  type CommandResult,
  type EventStore,
  type JsonObject,
} from '@ledger/ledger';
import type { ProjectionWaiter, ViewState } from '@ledger/projections';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';

/** Read-your-writes: what a write waits on before it answers. */
export type ViewWaiter = Pick<ProjectionWaiter, 'settle'>;

/** What a command needs: the store it decides on, and the read models it waits for. */
export interface CommandDeps {
  store: EventStore;
  waiter: ViewWaiter;
}

/** A command of a request: the org and the metadata come from the request's context. */
export type RequestCommand<S> = Omit<CommandOptions<S>, 'orgId' | 'metadata'>;

/**
 * Read-your-writes for events a request appended: waits until the read models hold them, and
 * when one is stopped on a failure or still lagging when the wait ends, tells the request's view
 * report, so the answer carries the committed ids and says the view is behind instead of
 * implying that the next read sees the write.
 */
export async function awaitViews(
  waiter: ViewWaiter,
  ctx: RequestContext,
  positions: readonly number[],
): Promise<ViewState> {
  const state = await waiter.settle(ctx.orgId, positions);
  if (state.behind.length > 0) ctx.views?.behind(state.behind);
  return state;
}

/**
 * One command on one stream through `handleCommand`, under the request's org and metadata, then
 * read-your-writes for what it appended (`awaitViews`). The write stands whatever the read models
 * do: a command never fails because a projection did.
 */
export async function runCommand<S>(
  deps: CommandDeps,
  ctx: RequestContext,
  command: RequestCommand<S>,
): Promise<CommandResult<S>> {
  const result = await handleCommand(deps.store, { ...command, orgId: ctx.orgId, metadata: eventMetadata(ctx) });
  if (result.appended) await awaitViews(deps.waiter, ctx, result.appended.positions);
  return result;
}

/** A domain event as decided: plain JSON by construction, at its type's current schema version. */
export interface DecidedEvent {
  type: string;
  schemaVersion?: number;
  data: object;
  personal?: object;
}

export function commandEvents(events: readonly DecidedEvent[]): CommandEvent[] {
  return events.map((event) => ({
    type: event.type,
    ...(event.schemaVersion === undefined ? {} : { schemaVersion: event.schemaVersion }),
    data: event.data as JsonObject,
    ...(event.personal === undefined ? {} : { personal: event.personal as JsonObject }),
  }));
}
