import type { CommandResult, NewEvent } from '@ledger/ledger';
import { commandEvents, type DecidedEvent } from '@ledger/host';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';

/** The stream's revision once the command is done: the last appended, or the one read when nothing was. */
export function revisionAfter(result: CommandResult<unknown>): number {
  return result.appended?.lastRevision ?? result.revision;
}

/** Domain events with the request's metadata, for an append outside `runCommand`. */
export function toNewEvents(events: readonly DecidedEvent[], ctx: RequestContext): NewEvent[] {
  const metadata = eventMetadata(ctx);
  return commandEvents(events).map((event) => ({ ...event, metadata }));
}
