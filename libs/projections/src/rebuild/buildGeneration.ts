import { inSpan } from '@ledger/observability';
import { inTransaction } from '@ledger/postgres';
import type { ProjectionDefinition, ProjectionEvent } from '../definition/projectionDefinition';
import { applyEvents } from '../apply/applyEvents';
import { orgHead, readOrgRange } from '../store/readOrgRange';
import { writeCheckpoint } from '../store/stateStore';
import type { RebuildDeps, RebuildOptions } from './rebuildOrg';
import { updateRebuildProgress, type RebuildKey } from './rebuildRecord';
import { describeFailure, ProjectionError } from '../errors/projectionError';
import { TRACER } from '../runner/batchSpan';

export interface RebuildProgress {
  projection: string;
  orgId: string;
  generation: number;
  phase: 'building' | 'switching';
  done: number;
  /** The org's head as last seen: it grows while events keep arriving. */
  total: number;
}

/** Progress is written to the database at most this often, for `status` in another terminal. */
const RECORD_EVERY_MS = 1000;

/**
 * Applies the org's events to the new generation from the start until a batch comes back
 * short (close to the head), one transaction per batch with its checkpoint. The next batch is
 * read while the current one is applied: reading and writing overlap on two connections.
 */
export async function buildGeneration(
  deps: RebuildDeps,
  definition: ProjectionDefinition,
  key: RebuildKey,
  options: RebuildOptions,
): Promise<{ applied: number; cancelled: boolean }> {
  const batchSize = options.batchSize ?? 5000;
  let applied = 0;
  let total = (await orgHead(deps.pool, key.orgId)) + 1;
  let recordedAt = 0;
  const started = Date.now();
  let pending = readOrgRange(deps.pool, key.orgId, -1, batchSize);
  for (;;) {
    const events = await pending;
    if (options.signal?.aborted) {
      void pending.catch(() => undefined);
      return { applied, cancelled: true };
    }
    if (events.length === 0) break;
    const lastSeq = events[events.length - 1].orgSeq;
    pending = events.length < batchSize ? Promise.resolve([]) : readOrgRange(deps.pool, key.orgId, lastSeq, batchSize);
    await applyBatch(deps, definition, key, events, lastSeq);
    applied += events.length;
    total = Math.max(total, lastSeq + 1);
    report(deps, options, key, applied, total, 'building');
    await keepPace(started, applied, options);
    if (Date.now() - recordedAt >= RECORD_EVERY_MS) {
      recordedAt = Date.now();
      total = Math.max(total, (await orgHead(deps.pool, key.orgId)) + 1);
      await updateRebuildProgress(deps.pool, key, applied, total);
    }
  }
  await updateRebuildProgress(deps.pool, key, applied, total);
  report(deps, options, key, applied, total, 'switching');
  return { applied, cancelled: false };
}

async function applyBatch(
  deps: RebuildDeps,
  definition: ProjectionDefinition,
  key: RebuildKey,
  events: ProjectionEvent[],
  lastSeq: number,
): Promise<void> {
  const attributes = { 'projection.generation': key.generation, 'ledger.events': events.length };
  try {
    // Old events are not linked to their traces: a rebuild would link thousands of finished ones.
    await inSpan(TRACER, 'projection.rebuild.batch', attributes, () =>
      inTransaction(deps.pool, async (client) => {
        await applyEvents(client, definition, key.orgId, key.generation, events);
        await writeCheckpoint(client, definition.name, key.orgId, key.generation, lastSeq);
      }),
    );
  } catch (error) {
    // The live generation is untouched; the caller drops this one. Name the batch, not payloads.
    const range = `${events[0].orgSeq}..${lastSeq}`;
    throw new ProjectionError(
      'PROJECTIONS.REBUILD_FAILED',
      `rebuild failed in events ${range}: ${describeFailure(error)}`,
    );
  }
}

/** Sleeps until `applied` events are no faster than the cap; an abort ends the sleep. */
async function keepPace(started: number, applied: number, options: RebuildOptions): Promise<void> {
  if (!options.maxEventsPerSecond) return;
  const ahead = (applied / options.maxEventsPerSecond) * 1000 - (Date.now() - started);
  if (ahead <= 0 || options.signal?.aborted) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, ahead);
    function done() {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', done);
      resolve();
    }
    options.signal?.addEventListener('abort', done);
  });
}

function report(
  deps: RebuildDeps,
  options: RebuildOptions,
  key: RebuildKey,
  done: number,
  total: number,
  phase: RebuildProgress['phase'],
): void {
  deps.metrics?.recordRebuild(key.projection, key.orgId, done, total);
  options.onProgress?.({
    projection: key.projection,
    orgId: key.orgId,
    generation: key.generation,
    phase,
    done,
    total,
  });
}
