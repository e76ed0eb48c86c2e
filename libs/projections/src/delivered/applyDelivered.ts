import type { PoolClient } from 'pg';
import type { ProjectionDefinition, ProjectionEvent } from '../definition/projectionDefinition';
import { applyEvents } from '../apply/applyEvents';
import { ProjectionError } from '../errors/projectionError';
import { lockState } from '../store/stateStore';

export type DeliveredOutcome = 'applied' | 'no-handler' | 'in-rebuilt-generation';

/**
 * Applies events of one org that arrived from another service (over Kafka) to a projection's
 * active generation, in order, in the caller's transaction, which also holds the consumer's inbox
 * rows. The org's state row is locked first, as the runner and a rebuild's switch lock it, so the
 * three never write one org's rows at once. An org whose projection is stopped on a failed event
 * refuses: the messages are retried and then dead-lettered, for an operator to replay after the
 * resume. An event the active generation's rebuild already read from the ledger is passed over.
 */
export async function applyDeliveredEvents(
  client: PoolClient,
  definition: ProjectionDefinition,
  events: readonly ProjectionEvent[],
): Promise<DeliveredOutcome[]> {
  const outcomes: DeliveredOutcome[] = events.map((event) =>
    definition.handlers[event.type] ? 'applied' : 'no-handler',
  );
  if (!outcomes.includes('applied')) return outcomes;
  const orgId = events[0].orgId;
  if (events.some((event) => event.orgId !== orgId)) throw new Error('delivered events are applied one org at a time');
  const state = await lockState(client, definition.name, orgId, definition.version);
  if (state.status === 'failed') {
    throw new ProjectionError(
      'PROJECTIONS.STOPPED',
      `projection ${definition.name} is stopped for this org; resume it, then replay the dead letters`,
    );
  }
  // A rebuild read these from the ledger already; only their Kafka delivery is late.
  events.forEach((event, index) => {
    if (outcomes[index] === 'applied' && event.orgSeq <= state.builtThrough) outcomes[index] = 'in-rebuilt-generation';
  });
  const fresh = events.filter((_event, index) => outcomes[index] === 'applied');
  if (fresh.length > 0) await applyEvents(client, definition, orgId, state.activeGeneration, fresh);
  return outcomes;
}

/** One delivered event; see `applyDeliveredEvents`. */
export async function applyDeliveredEvent(
  client: PoolClient,
  definition: ProjectionDefinition,
  event: ProjectionEvent,
): Promise<DeliveredOutcome> {
  const [outcome] = await applyDeliveredEvents(client, definition, [event]);
  return outcome;
}
