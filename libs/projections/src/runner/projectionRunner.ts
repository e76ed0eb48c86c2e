import type { Pool } from 'pg';
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { skippedEvents, WakeableDelay } from '@ledger/ledger';
import { recordSpan } from '@ledger/observability';
import type { ProjectionDefinition } from '../definition/projectionDefinition';
import type { ProjectionMetrics } from '../metrics/projectionMetrics';
import { recordedAtOf } from '../store/readOrgRange';
import { readOrgLags, type OrgLag } from './orgLag';
import { TRACER } from './batchSpan';
import { runOrgBatch } from './runOrgBatch';

export interface RunnerOptions {
  batchSize?: number;
  pollMs?: number;
  /** Batches one org may run before the next org gets a turn, so no org starves the others. */
  batchesPerTurn?: number;
  metrics?: ProjectionMetrics;
  /** Errors the loop survives (database unavailable); they carry no event content. */
  onError?: (error: unknown, context: { projection: string; orgId: string }) => void;
  /**
   * The org-scoped role each org's batch transaction takes (`SET LOCAL ROLE`, with the org set):
   * single-node `ledger_request`, multi-node `svc_<service>_request`. The pool's own role must be
   * able to take it. Finding orgs and their lag stays on the pool's cross-org role. Without it,
   * batches run as the pool's role with only the org set.
   */
  orgRole?: string;
  /** Called after each committed batch; tests and tools use it to watch progress. */
  onBatch?: (projection: string, orgId: string, lastSeq: number) => void;
}

export interface RoundReport {
  applied: number;
  failedOrgs: string[];
}

/**
 * Follows every org of the ledger for each projection. Orgs are independent: a failing or
 * erroring org is reported and passed over, the others keep projecting.
 */
export class ProjectionRunner {
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly delay = new WakeableDelay();
  /** When the loop last completed a round, idle or not (ms since the epoch); 0 before its first. */
  lastRoundAt = 0;

  constructor(
    private readonly pool: Pool,
    private readonly definitions: readonly ProjectionDefinition[],
    private readonly options: RunnerOptions = {},
  ) {
    options.metrics?.startCounting(definitions.map((definition) => definition.name));
  }

  /** One pass over every org of every projection. */
  async runOnce(): Promise<RoundReport> {
    const report: RoundReport = { applied: 0, failedOrgs: [] };
    for (const definition of this.definitions) {
      for (const lag of await readOrgLags(this.pool, definition.name)) {
        report.applied += await this.runOrg(definition, lag, report);
      }
    }
    return report;
  }

  /** Runs rounds until every org is at its head or stopped; for tools and tests. */
  async drain(): Promise<RoundReport> {
    const total: RoundReport = { applied: 0, failedOrgs: [] };
    for (;;) {
      const round = await this.runOnce();
      total.applied += round.applied;
      total.failedOrgs = round.failedOrgs;
      if (round.applied === 0) return total;
    }
  }

  /** Whether the loop is meant to be running (started, not stopped). */
  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // The loop outlives whatever called start: it must not run, for ever, inside the caller's
    // span (every statement of every round would join that trace); its spans are its own.
    this.loop = context.with(ROOT_CONTEXT, () => this.run());
  }

  /**
   * Wakes an idle runner at once instead of at its next poll; in one process, wire it to the
   * ledger: `ledger.sequencer.on('sequenced', () => runner.poke())`.
   */
  poke(): void {
    this.delay.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.delay.wake();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const startedAt = Date.now();
      // Recorded after the round, never around it: no span is open while the round waits.
      const round = await this.runOnce().then(
        (report) => {
          this.lastRoundAt = Date.now();
          // An org stopped on a failed event stays stopped round after round: only work is recorded.
          if (report.applied > 0) {
            const counts = { 'ledger.events': report.applied, 'projection.failed_orgs': report.failedOrgs.length };
            recordSpan(TRACER, 'projection.round', startedAt, counts);
          }
          return report;
        },
        (error: unknown) => {
          recordSpan(TRACER, 'projection.round', startedAt, {}, error);
          return { applied: 0, failedOrgs: [] };
        },
      );
      if (round.applied === 0 && this.running) await this.delay.wait(this.options.pollMs ?? 200);
    }
  }

  private async runOrg(definition: ProjectionDefinition, lag: OrgLag, report: RoundReport): Promise<number> {
    const { metrics } = this.options;
    if (lag.status === 'failed') {
      report.failedOrgs.push(lag.orgId);
      metrics?.recordStatus(definition.name, lag.orgId, true);
      await this.recordLag(definition, lag.orgId, lag.head, lag.checkpoint);
      return 0;
    }
    let applied = 0;
    let checkpoint = lag.checkpoint;
    try {
      for (let turn = 0; turn < (this.options.batchesPerTurn ?? 10) && checkpoint < lag.head; turn++) {
        const outcome = await runOrgBatch(
          this.pool,
          definition,
          lag.orgId,
          this.options.batchSize ?? 500,
          this.options.orgRole,
        );
        applied += outcome.applied;
        checkpoint = outcome.lastSeq;
        skippedEvents().skipped('projection', outcome.holes);
        if (outcome.applied > 0) this.options.onBatch?.(definition.name, lag.orgId, outcome.lastSeq);
        if (outcome.failure) {
          report.failedOrgs.push(lag.orgId);
          metrics?.recordFailure(definition.name, lag.orgId);
        }
        if (outcome.caughtUp || outcome.failure || outcome.stopped) break;
      }
      metrics?.recordStatus(definition.name, lag.orgId, report.failedOrgs.includes(lag.orgId));
      await this.recordLag(definition, lag.orgId, lag.head, checkpoint);
    } catch (error) {
      this.options.onError?.(error, { projection: definition.name, orgId: lag.orgId });
    }
    return applied;
  }

  private async recordLag(definition: ProjectionDefinition, orgId: string, head: number, checkpoint: number) {
    const { metrics } = this.options;
    if (!metrics) return;
    const events = Math.max(0, head - checkpoint);
    const oldest = events > 0 ? await recordedAtOf(this.pool, orgId, checkpoint + 1) : null;
    const seconds = oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0;
    metrics.recordLag(definition.name, orgId, events, seconds);
  }
}
