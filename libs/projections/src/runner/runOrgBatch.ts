import { inTransaction, ORG_SETTING } from '@ledger/postgres';
import { sequenceHoles } from '@ledger/ledger';
import type { Pool, PoolClient } from 'pg';
import type { ProjectionDefinition, ProjectionEvent } from '../definition/projectionDefinition';
import { applyEvents, applyPrecisely } from '../apply/applyEvents';
import { readOrgRange } from '../store/readOrgRange';
import { lockState, markFailed, readCheckpoint, writeCheckpoint } from '../store/stateStore';
import type { FailureRecord } from '../store/stateStore';
import { recordBatchSpan } from './batchSpan';

export interface OrgBatchOutcome {
  applied: number;
  lastSeq: number;
  /** Fewer events than the batch size were waiting: the org is at the head. */
  caughtUp: boolean;
  failure: FailureRecord | null;
  /** The org was already failed before this batch; nothing was tried. */
  stopped: boolean;
  /** Sequence numbers missing between the checkpoint and the events read: a hole, which a dense sequence never has. */
  holes: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Confines the rest of the transaction to one org: the org setting every row policy compares
 * with, and, given one, an org-scoped role (not a member of ledger_cross_org), so that a handler
 * that strays reads none of another org's rows and writes none.
 */
export async function enterOrgScope(client: PoolClient, orgId: string, orgRole?: string): Promise<void> {
  if (orgRole !== undefined) {
    if (!IDENTIFIER.test(orgRole)) throw new Error(`org role "${orgRole}" must be a plain identifier`);
    await client.query(`SET LOCAL ROLE ${orgRole}`);
  }
  await client.query('SELECT set_config($1, $2, true)', [ORG_SETTING, orgId]);
}

/**
 * One live batch of one org: under the state row's lock, read from the active generation's
 * checkpoint, apply, and move the checkpoint in the same transaction, so a crash anywhere
 * leaves rows and checkpoint consistent (nothing lost, nothing applied twice). With `orgRole`
 * the whole transaction runs as that org-scoped role with the org set (`enterOrgScope`).
 */
export async function runOrgBatch(
  pool: Pool,
  definition: ProjectionDefinition,
  orgId: string,
  batchSize: number,
  orgRole?: string,
): Promise<OrgBatchOutcome> {
  const startedAt = Date.now();
  let read: ProjectionEvent[] = [];
  let outcome: OrgBatchOutcome;
  try {
    outcome = await applyOrgBatch(pool, definition, orgId, batchSize, orgRole, (events) => (read = events));
  } catch (error) {
    recordBatchSpan(definition.name, orgId, startedAt, read, { error });
    throw error;
  }
  recordBatchSpan(definition.name, orgId, startedAt, read, { outcome });
  return outcome;
}

async function applyOrgBatch(
  pool: Pool,
  definition: ProjectionDefinition,
  orgId: string,
  batchSize: number,
  orgRole: string | undefined,
  onRead: (events: ProjectionEvent[]) => void,
): Promise<OrgBatchOutcome> {
  const outcome = await inTransaction(pool, async (client) => {
    await enterOrgScope(client, orgId, orgRole);
    const state = await lockState(client, definition.name, orgId, definition.version);
    const generation = state.activeGeneration;
    const from = await readCheckpoint(client, definition.name, orgId, generation);
    if (state.status === 'failed') return result(0, from, true, null, true);
    const events = await readOrgRange(client, orgId, from, batchSize);
    onRead(events);
    if (events.length === 0) return result(0, from, true, null);
    const lastSeq = events[events.length - 1].orgSeq;
    const holes = sequenceHoles(
      from,
      events.map((event) => event.orgSeq),
    );
    await client.query('SAVEPOINT projection_batch');
    try {
      await applyEvents(client, definition, orgId, generation, events);
    } catch {
      await client.query('ROLLBACK TO SAVEPOINT projection_batch');
      return applyPreciselyAndRecord(client, definition, orgId, generation, from, events);
    }
    await writeCheckpoint(client, definition.name, orgId, generation, lastSeq);
    return result(events.length, lastSeq, events.length < batchSize, null, false, holes);
  });
  return outcome;
}

async function applyPreciselyAndRecord(
  client: PoolClient,
  definition: ProjectionDefinition,
  orgId: string,
  generation: number,
  from: number,
  events: Parameters<typeof applyPrecisely>[4],
): Promise<OrgBatchOutcome> {
  const precise = await applyPrecisely(client, definition, orgId, generation, events);
  const applied = precise.lastSeq - events[0].orgSeq + 1;
  if (applied > 0) await writeCheckpoint(client, definition.name, orgId, generation, precise.lastSeq);
  if (precise.failure) await markFailed(client, definition.name, orgId, precise.failure);
  // Only the holes the checkpoint moved past; a later batch counts those after a failing event.
  const passed = events.filter((event) => event.orgSeq <= precise.lastSeq).map((event) => event.orgSeq);
  return result(
    applied,
    precise.lastSeq,
    precise.failure !== null,
    precise.failure,
    false,
    sequenceHoles(from, passed),
  );
}

function result(
  applied: number,
  lastSeq: number,
  caughtUp: boolean,
  failure: FailureRecord | null,
  stopped = false,
  holes = 0,
): OrgBatchOutcome {
  return { applied, lastSeq, caughtUp, failure, stopped, holes };
}
