import {
  handleCommand,
  type CommandEvent,
  type CommandOptions,
  type CommandResult,
  type JsonObject,
} from '@ledger/ledger';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import type { EvidenceDeps } from './evidenceDeps';

/** What a command needs: the store it decides on, and the read models it waits for. */
export type CommandDeps = Pick<EvidenceDeps, 'store' | 'waiter'>;

export type EvidenceCommand<S> = Omit<CommandOptions<S>, 'orgId' | 'metadata'>;

/**
 * One command on one stream through `handleCommand`, under the request's org and metadata;
 * read-your-writes: it answers once the read models hold what it appended.
 */
export async function runCommand<S>(
  deps: CommandDeps,
  ctx: RequestContext,
  command: EvidenceCommand<S>,
): Promise<CommandResult<S>> {
  const result = await handleCommand(deps.store, { ...command, orgId: ctx.orgId, metadata: eventMetadata(ctx) });
  if (result.appended) await deps.waiter.waitFor(ctx.orgId, result.appended.positions);
  return result;
}

/** Domain events are plain JSON by construction. */
export function commandEvents(events: readonly { type: string; data: object; personal?: object }[]): CommandEvent[] {
  return events.map((event) => ({
    type: event.type,
    data: event.data as JsonObject,
    ...(event.personal === undefined ? {} : { personal: event.personal as JsonObject }),
  }));
}

/** Errors are told apart by code, not class: they may come from another copy of a library. */
export function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
