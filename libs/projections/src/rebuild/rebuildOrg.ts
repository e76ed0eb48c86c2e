import type { Pool, PoolClient } from 'pg';
import type { Ledger } from '@ledger/ledger';
import { inSpan } from '@ledger/observability';
import type { ProjectionDefinition } from '../definition/projectionDefinition';
import { ProjectionError } from '../errors/projectionError';
import type { ProjectionMetrics } from '../metrics/projectionMetrics';
import { TRACER } from '../runner/batchSpan';
import { appendProjectionAudit } from '../audit/projectionAudit';
import { orgHead } from '../store/readOrgRange';
import { dropGeneration, dropLeftovers, nextGeneration } from './generations';
import { buildGeneration, type RebuildProgress } from './buildGeneration';
import { finishRebuild, insertRebuild, type RebuildKey } from './rebuildRecord';
import { switchGeneration, type Comparison } from './switchGeneration';

export interface RebuildDeps {
  pool: Pool;
  ledger: Ledger;
  metrics?: ProjectionMetrics;
}

export interface RebuildOptions {
  actor: string;
  /** Build and compare, then discard: the live generation is never switched. */
  dryRun?: boolean;
  signal?: AbortSignal;
  batchSize?: number;
  /** Caps the build's pace, leaving CPU and I/O to other orgs' traffic on a small machine. */
  maxEventsPerSecond?: number;
  onProgress?: (progress: RebuildProgress) => void;
}

export interface RebuildResult {
  projection: string;
  orgId: string;
  generation: number;
  /** The generation that served before the switch; -1 when the rebuild was cancelled. */
  previousGeneration: number;
  outcome: 'switched' | 'compared' | 'cancelled';
  eventsApplied: number;
  /** Build and switch; dropping the old generation comes after and is not included. */
  seconds: number;
  /** How long the final transaction held the org's projection lock (its live runner waited). */
  switchSeconds: number;
  comparison: Comparison | null;
}

/**
 * Rebuilds one org of one projection into a new generation while the live one keeps serving
 * and projecting, then switches atomically. Only this org's rows are ever written or deleted.
 */
export async function rebuildOrg(
  deps: RebuildDeps,
  definition: ProjectionDefinition,
  orgId: string,
  options: RebuildOptions,
): Promise<RebuildResult> {
  const attributes = {
    'projection.name': definition.name,
    'ledger.org_id': orgId,
    'projection.dry_run': !!options.dryRun,
  };
  return inSpan(TRACER, 'projection.rebuild', attributes, async (span) => {
    const lock = await acquireRebuildLock(deps.pool, definition.name, orgId);
    try {
      const result = await rebuildLocked(deps, definition, orgId, options);
      span.setAttributes({
        'projection.outcome': result.outcome,
        'projection.generation': result.generation,
        'ledger.events': result.eventsApplied,
      });
      return result;
    } finally {
      await lock.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      lock.release();
    }
  });
}

/** A session lock: a crashed rebuild releases it with its connection. */
async function acquireRebuildLock(pool: Pool, projection: string, orgId: string): Promise<PoolClient> {
  const client = await pool.connect();
  const { rows } = await client.query<{ locked: boolean }>(
    "SELECT pg_try_advisory_lock(hashtextextended('projection-rebuild:' || $1 || ':' || $2, 0)) AS locked",
    [projection, orgId],
  );
  if (!rows[0].locked) {
    client.release();
    throw new ProjectionError('PROJECTIONS.REBUILD_IN_PROGRESS', `a rebuild of ${projection} for ${orgId} is running`);
  }
  return client;
}

async function rebuildLocked(
  deps: RebuildDeps,
  definition: ProjectionDefinition,
  orgId: string,
  options: RebuildOptions,
): Promise<RebuildResult> {
  const started = Date.now();
  const dryRun = options.dryRun ?? false;
  await deps.pool.query(
    `UPDATE projection_rebuilds SET status = 'failed', finished_at = now()
      WHERE projection = $1 AND org_id = $2 AND status = 'building'`,
    [definition.name, orgId],
  );
  await dropLeftovers(deps.pool, definition, orgId);
  const generation = await nextGeneration(deps.pool, definition.name, orgId);
  const key: RebuildKey = { projection: definition.name, orgId, generation };
  const total = (await orgHead(deps.pool, orgId)) + 1;
  await insertRebuild(deps.pool, key, { version: definition.version, dryRun, actor: options.actor, total });
  const auditBase = { projection: definition.name, orgId, generation, version: definition.version, dryRun };
  await appendProjectionAudit(deps.ledger, orgId, 'ProjectionRebuildStarted', options.actor, auditBase);
  let result: RebuildResult | null = null;
  try {
    const built = await buildGeneration(deps, definition, key, options);
    if (built.cancelled) {
      result = baseResult(key, 'cancelled', built.applied, started, null, -1);
    } else {
      result = await finishSwitch(deps, definition, key, dryRun, options.batchSize ?? 5000, built.applied, started);
    }
    return result;
  } finally {
    deps.metrics?.endRebuild(definition.name, orgId);
    await settle(deps, definition, key, result, options.actor, auditBase);
  }
}

async function finishSwitch(
  deps: RebuildDeps,
  definition: ProjectionDefinition,
  key: RebuildKey,
  dryRun: boolean,
  batchSize: number,
  applied: number,
  started: number,
): Promise<RebuildResult> {
  const client = await deps.pool.connect();
  const switchStarted = Date.now();
  try {
    await client.query('BEGIN');
    const { comparison, previousGeneration } = await switchGeneration(client, definition, key.orgId, key.generation, {
      commit: !dryRun,
      batchSize,
    });
    // A dry run rolls back, which also undoes the live generation's catch-up for the comparison.
    await client.query(dryRun ? 'ROLLBACK' : 'COMMIT');
    const eventsApplied = comparison.rebuilt.lastSeq + 1;
    const outcome = dryRun ? 'compared' : 'switched';
    const result = baseResult(key, outcome, Math.max(applied, eventsApplied), started, comparison, previousGeneration);
    return { ...result, switchSeconds: (Date.now() - switchStarted) / 1000 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Drops whichever generation is not serving, records the outcome and audits it. */
async function settle(
  deps: RebuildDeps,
  definition: ProjectionDefinition,
  key: RebuildKey,
  result: RebuildResult | null,
  actor: string,
  auditBase: Record<string, string | number | boolean>,
): Promise<void> {
  const switched = result?.outcome === 'switched';
  const drop = switched ? result.previousGeneration : key.generation;
  await dropGeneration(deps.pool, definition, key.orgId, drop);
  const status = result === null ? 'failed' : result.outcome;
  await finishRebuild(deps.pool, key, status, result?.comparison ?? null);
  await appendProjectionAudit(deps.ledger, key.orgId, 'ProjectionRebuildFinished', actor, {
    ...auditBase,
    outcome: status,
    eventsApplied: result?.eventsApplied ?? 0,
    identical: result?.comparison?.identical ?? null,
    comparable: result?.comparison?.comparable ?? null,
  });
}

function baseResult(
  key: RebuildKey,
  outcome: RebuildResult['outcome'],
  eventsApplied: number,
  started: number,
  comparison: Comparison | null,
  previousGeneration: number,
): RebuildResult {
  return {
    projection: key.projection,
    orgId: key.orgId,
    generation: key.generation,
    previousGeneration,
    outcome,
    eventsApplied,
    seconds: (Date.now() - started) / 1000,
    switchSeconds: 0,
    comparison,
  };
}
