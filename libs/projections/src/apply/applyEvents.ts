import type { PoolClient } from 'pg';
import type { ProjectionDefinition, ProjectionEvent } from '../definition/projectionDefinition';
import { describeFailure } from '../errors/projectionError';
import type { FailureRecord } from '../store/stateStore';
import { BufferedProjectionTx } from '../write/projectionTx';

/** Applies a batch through one buffered transaction; throws on the first failure. */
export async function applyEvents(
  client: PoolClient,
  definition: ProjectionDefinition,
  orgId: string,
  generation: number,
  events: readonly ProjectionEvent[],
): Promise<void> {
  const tx = new BufferedProjectionTx(client, definition, orgId, generation);
  for (const event of events) {
    const handler = definition.handlers[event.type];
    if (handler) await handler(event, tx);
  }
  await tx.flush();
}

export interface PreciseOutcome {
  /** The last event applied; the one before the first event when none was. */
  lastSeq: number;
  failure: FailureRecord | null;
}

/**
 * The slow path after a batch failed: one event at a time under a savepoint, so that the
 * events before the failing one are kept and the failing one is named exactly, whether its
 * handler threw or its flushed SQL was refused.
 */
export async function applyPrecisely(
  client: PoolClient,
  definition: ProjectionDefinition,
  orgId: string,
  generation: number,
  events: readonly ProjectionEvent[],
): Promise<PreciseOutcome> {
  let lastSeq = events.length === 0 ? -1 : events[0].orgSeq - 1;
  for (const event of events) {
    await client.query('SAVEPOINT projection_event');
    try {
      await applyEvents(client, definition, orgId, generation, [event]);
      await client.query('RELEASE SAVEPOINT projection_event');
      lastSeq = event.orgSeq;
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT projection_event');
      const failure = {
        seq: event.orgSeq,
        eventId: event.eventId,
        eventType: event.type,
        error: describeFailure(error),
      };
      return { lastSeq, failure };
    }
  }
  return { lastSeq, failure: null };
}
