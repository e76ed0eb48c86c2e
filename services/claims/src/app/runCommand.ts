import {
  handleCommand,
  type CommandEvent,
  type CommandOptions,
  type CommandResult,
  type JsonObject,
  type NewEvent,
} from '@ledger/ledger';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import type { CommandDeps } from './claimsDeps';

export type ClaimsCommand<S> = Omit<CommandOptions<S>, 'orgId' | 'metadata'>;

/**
 * One command through `handleCommand` under the request's org and metadata; read-your-writes:
 * it answers once the read models hold what it appended.
 */
export async function runCommand<S>(
  deps: CommandDeps,
  ctx: RequestContext,
  command: ClaimsCommand<S>,
): Promise<CommandResult<S>> {
  const result = await handleCommand(deps.store, { ...command, orgId: ctx.orgId, metadata: eventMetadata(ctx) });
  if (result.appended) await deps.waiter.waitFor(ctx.orgId, result.appended.positions);
  return result;
}

/** The stream's revision once the command is done: the last appended, or the one read when nothing was. */
export function revisionAfter(result: CommandResult<unknown>): number {
  return result.appended?.lastRevision ?? result.revision;
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

/** Domain events with the request's metadata, for an append outside `handleCommand`. */
export function toNewEvents(events: readonly DecidedEvent[], ctx: RequestContext): NewEvent[] {
  const metadata = eventMetadata(ctx);
  return commandEvents(events).map((event) => ({ ...event, metadata }));
}
