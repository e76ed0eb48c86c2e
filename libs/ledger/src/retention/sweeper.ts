import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '@ledger/postgres';
import type { Ledger } from '../ledger';
import { errorType } from '@ledger/observability';
import { LedgerValidationError } from '../errors/ledgerError';
import { assertOrgId, MAX_EVENTS_PER_APPEND } from '../events/validateAppend';
import { retentionShreddedData, sweepStream } from './complianceEvents';
import { lockOrgHoldsShared, lockOrgSweep } from './complianceLock';
import { dueStreams } from './dueStreams';
import { systemClock, type Clock } from './retentionTypes';
import type { RetentionSweepMetrics } from './retentionMetrics';

export interface CategoryPlan {
  category: string;
  regulation: string;
  durationMonths: number;
  /** Streams past retention and not held: what apply would shred. */
  due: number;
  /** Streams past retention but covered by a hold in force. */
  held: number;
}

export interface SweepPlan {
  orgId: string;
  at: string;
  due: number;
  held: number;
  categories: CategoryPlan[];
}

export interface SweepProgress {
  orgId: string;
  sweepId: string;
  /** Streams looked at so far, of `total` found due when the sweep started. */
  done: number;
  total: number;
  shredded: number;
  held: number;
}

export interface SweepResult extends SweepProgress {
  outcome: 'completed' | 'cancelled';
  seconds: number;
}

export interface SweepHooks {
  /** Inside a batch's transaction, after its locks and before its re-check: tests race holds here. */
  afterLock?(batch: readonly string[], index: number): Promise<void>;
  /** Before a batch's transaction begins. */
  beforeBatch?(batch: readonly string[], index: number): Promise<void>;
}

export interface SweepOptions {
  actor: string;
  /** Streams per transaction (default 200). */
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?(progress: SweepProgress): void;
  hooks?: SweepHooks;
}

export interface SweeperOptions {
  /** The engine's pool (a cross-org role): the sweeper writes stream keys and appends. */
  pool: Pool;
  ledger: Ledger;
  clock?: Clock;
  metrics?: RetentionSweepMetrics;
}

export const DEFAULT_SWEEP_BATCH = 200;

/**
 * The retention sweeper: finds an org's streams past retention and not held, and crypto-shreds
 * their personal data, each shred a `RetentionShredded` event of the run's stream. Batches are
 * transactions that take the org's holds lock shared, re-read what is due and held, append the
 * events (the transaction's first write) and destroy the keys: a hold placed meanwhile either
 * waits for the batch to commit or is seen by it. Running it again continues where a stopped run
 * left off, since shredded streams are no longer due; a run shreds nothing twice.
 */
export class RetentionSweeper {
  private readonly clock: Clock;

  constructor(private readonly options: SweeperOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** The orgs with at least one retention class: the only ones a sweep can shred in. */
  async orgsWithClasses(): Promise<string[]> {
    const { rows } = await this.options.pool.query<{ org_id: string }>(
      'SELECT DISTINCT org_id FROM ledger_retention_classes ORDER BY org_id',
    );
    return rows.map((row) => row.org_id);
  }

  /** What apply would do now, per category; writes nothing. */
  async plan(orgId: string): Promise<SweepPlan> {
    assertOrgId(orgId);
    const at = this.clock.now();
    const due = await dueStreams(this.options.pool, orgId, at);
    const categories = new Map<string, CategoryPlan>();
    for (const stream of due) {
      const entry = categories.get(stream.category) ?? {
        category: stream.category,
        regulation: stream.regulation,
        durationMonths: stream.durationMonths,
        due: 0,
        held: 0,
      };
      if (stream.heldBy.length > 0) entry.held += 1;
      else entry.due += 1;
      categories.set(stream.category, entry);
    }
    const list = [...categories.values()].sort((a, b) => a.category.localeCompare(b.category));
    return {
      orgId,
      at: at.toISOString(),
      due: list.reduce((sum, c) => sum + c.due, 0),
      held: list.reduce((sum, c) => sum + c.held, 0),
      categories: list,
    };
  }

  async apply(orgId: string, options: SweepOptions): Promise<SweepResult> {
    assertOrgId(orgId);
    const started = Date.now();
    const sweepId = randomUUID();
    const batchSize = options.batchSize ?? DEFAULT_SWEEP_BATCH;
    const metrics = this.options.metrics;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_EVENTS_PER_APPEND) {
      throw new LedgerValidationError('batchSize', `must be an integer from 1 to ${MAX_EVENTS_PER_APPEND}`);
    }
    const progress: SweepProgress = { orgId, sweepId, done: 0, total: 0, shredded: 0, held: 0 };
    await this.recordRun(orgId, sweepId, 'running', progress);
    try {
      const candidates = (await dueStreams(this.options.pool, orgId, this.clock.now())).map((s) => s.streamId);
      progress.total = candidates.length;
      options.onProgress?.({ ...progress });
      let outcome: SweepResult['outcome'] = 'completed';
      for (let index = 0; index * batchSize < candidates.length; index += 1) {
        if (options.signal?.aborted) {
          outcome = 'cancelled';
          break;
        }
        const batch = candidates.slice(index * batchSize, (index + 1) * batchSize);
        await options.hooks?.beforeBatch?.(batch, index);
        const { shredded, held } = await inTransaction(this.options.pool, (client) =>
          this.sweepBatch(client, orgId, sweepId, batch, index, options),
        );
        progress.done += batch.length;
        progress.shredded += shredded;
        progress.held += held;
        metrics?.shredded(shredded);
        options.onProgress?.({ ...progress });
      }
      await this.recordRun(orgId, sweepId, outcome, progress);
      return { ...progress, outcome, seconds: (Date.now() - started) / 1000 };
    } catch (error) {
      metrics?.failed(error);
      await this.recordRun(orgId, sweepId, 'failed', progress, errorType(error)).catch(() => undefined);
      throw error;
    }
  }

  /** The run's row, which the service processes' RetentionMonitor reads for the alerts. */
  private async recordRun(
    orgId: string,
    sweepId: string,
    outcome: 'running' | SweepResult['outcome'] | 'failed',
    progress: SweepProgress,
    errorCode: string | null = null,
  ): Promise<void> {
    await this.options.pool.query(
      `INSERT INTO ledger_retention_sweeps (org_id, sweep_id, started_at, outcome, shredded, held, error_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (org_id, sweep_id) DO UPDATE
         SET outcome = EXCLUDED.outcome, shredded = EXCLUDED.shredded, held = EXCLUDED.held,
             error_code = EXCLUDED.error_code, finished_at = $3`,
      [orgId, sweepId, this.clock.now(), outcome, progress.shredded, progress.held, errorCode],
    );
  }

  private async sweepBatch(
    client: PoolClient,
    orgId: string,
    sweepId: string,
    batch: readonly string[],
    index: number,
    options: SweepOptions,
  ): Promise<{ shredded: number; held: number }> {
    await lockOrgSweep(client, orgId);
    await lockOrgHoldsShared(client, orgId);
    await options.hooks?.afterLock?.(batch, index);
    // Re-read under the locks: a hold placed, a class lengthened or a shred by another run since
    // the candidates were listed all count.
    const due = await dueStreams(client, orgId, this.clock.now(), batch);
    const free = due.filter((stream) => stream.heldBy.length === 0);
    if (free.length > 0) {
      await this.options.ledger.append(
        {
          orgId,
          streamId: sweepStream(sweepId),
          expectedRevision: 'any',
          events: free.map((stream) => ({
            type: 'RetentionShredded',
            data: retentionShreddedData(stream, sweepId),
            metadata: { actor: options.actor },
          })),
        },
        client,
      );
      await client.query(
        `UPDATE ledger_stream_keys SET wrapped_key = NULL, shredded_at = now()
          WHERE org_id = $1 AND stream_id = ANY($2::text[]) AND wrapped_key IS NOT NULL`,
        [orgId, free.map((stream) => stream.streamId)],
      );
    }
    return { shredded: free.length, held: due.length - free.length };
  }
}
