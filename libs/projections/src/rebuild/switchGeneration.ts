import type { PoolClient } from 'pg';
import type { ProjectionDefinition } from '../definition/projectionDefinition';
import { applyEvents } from '../apply/applyEvents';
import { readOrgRange } from '../store/readOrgRange';
import { lockState, markRunning, readCheckpoint, writeCheckpoint } from '../store/stateStore';
import { generationChecksum, tableDifferences, type GenerationChecksum, type TableDifference } from './checksum';

export interface Comparison {
  live: GenerationChecksum;
  rebuilt: GenerationChecksum;
  identical: boolean;
  /** False when the live generation could not be brought to the same sequence (it is failed). */
  comparable: boolean;
  differences: TableDifference[];
}

/** Applies every event after the generation's checkpoint, inside the caller's transaction. */
async function catchUp(
  client: PoolClient,
  definition: ProjectionDefinition,
  orgId: string,
  generation: number,
  uptoSeq: number,
  batchSize: number,
): Promise<number> {
  let lastSeq = await readCheckpoint(client, definition.name, orgId, generation);
  for (;;) {
    const events = await readOrgRange(client, orgId, lastSeq, batchSize, uptoSeq);
    if (events.length === 0) return lastSeq;
    await applyEvents(client, definition, orgId, generation, events);
    lastSeq = events[events.length - 1].orgSeq;
    await writeCheckpoint(client, definition.name, orgId, generation, lastSeq);
  }
}

/**
 * The final step, in one transaction holding the (projection, org) state lock, so the live
 * runner of this org waits and every reader sees either the old or the new generation:
 * bring the new generation to the head, bring the live one to the same sequence, compare
 * checksums, and (unless `commit` is false) point the org at the new generation.
 */
export async function switchGeneration(
  client: PoolClient,
  definition: ProjectionDefinition,
  orgId: string,
  generation: number,
  options: { commit: boolean; batchSize: number },
): Promise<{ comparison: Comparison; previousGeneration: number }> {
  const state = await lockState(client, definition.name, orgId, definition.version);
  const rebuiltSeq = await catchUp(client, definition, orgId, generation, Number.MAX_SAFE_INTEGER, options.batchSize);
  const live = state.activeGeneration;
  let liveSeq = await readCheckpoint(client, definition.name, orgId, live);
  let comparable = liveSeq === rebuiltSeq;
  if (!comparable && state.status === 'running') {
    await client.query('SAVEPOINT live_catch_up');
    try {
      liveSeq = await catchUp(client, definition, orgId, live, rebuiltSeq, options.batchSize);
      comparable = liveSeq === rebuiltSeq;
      await client.query('RELEASE SAVEPOINT live_catch_up');
    } catch {
      await client.query('ROLLBACK TO SAVEPOINT live_catch_up');
    }
  }
  const liveSum = await generationChecksum(client, definition, orgId, live, liveSeq);
  const rebuiltSum = await generationChecksum(client, definition, orgId, generation, rebuiltSeq);
  const differences = await tableDifferences(client, definition, orgId, liveSum, rebuiltSum);
  const comparison = {
    live: liveSum,
    rebuilt: rebuiltSum,
    identical: comparable && liveSum.digest === rebuiltSum.digest,
    comparable,
    differences,
  };
  if (options.commit) {
    await client.query(
      `UPDATE projection_state SET active_generation = $3, version = $4, built_through = $5, updated_at = now()
        WHERE projection = $1 AND org_id = $2`,
      [definition.name, orgId, generation, definition.version, rebuiltSeq],
    );
    // The new generation went past any event the live one failed on.
    await markRunning(client, definition.name, orgId);
  }
  return { comparison, previousGeneration: live };
}
