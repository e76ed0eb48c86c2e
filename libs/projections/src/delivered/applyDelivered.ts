import type { PoolClient } from 'pg';
import type { ProjectionDefinition, ProjectionEvent } from '../definition/projectionDefinition';
import { applyEvents } from '../apply/applyEvents';
import { ProjectionError } from '../errors/projectionError';
import { lockState } from '../store/stateStore';

export type DeliveredOutcome = 'applied' | 'no-handler' | 'in-rebuilt-generation';

/**
 * Applies one event that arrived from another service (over Kafka) to a projection's active
 * generation, in the caller's transaction, which also holds the consumer's inbox row. The org's
 * state row is locked first, as the runner and a rebuild's switch lock it, so the three never
 * write one org's rows at once. An org whose projection is stopped on a failed event refuses:
 * the message is retried and then dead-lettered, for an operator to replay after the resume.
 * An event the active generation's rebuild already read from the ledger is passed over.
 */
export async function applyDeliveredEvent(
  client: PoolClient,
  definition: ProjectionDefinition,
  event: ProjectionEvent,
): Promise<DeliveredOutcome> {
  if (!definition.handlers[event.type]) return 'no-handler';
  const state = await lockState(client, definition.name, event.orgId, definition.version);
  if (state.status === 'failed') {
    throw new ProjectionError(
      'PROJECTIONS.STOPPED',
      `projection ${definition.name} is stopped for this org; resume it, then replay the dead letter`,
    );
  }
  // A rebuild read this event from the ledger already; only the Kafka delivery is late.
  if (event.orgSeq <= state.builtThrough) return 'in-rebuilt-generation';
  await applyEvents(client, definition, event.orgId, state.activeGeneration, [event]);
  return 'applied';
}
