import { ledgerReads, type EventStore } from '@ledger/ledger';
import type { Pool } from 'pg';

/** What the waiter reads of the event store: where positions stand in the org's sequence. */
export type WaiterLedger = Pick<EventStore, 'orgSeqsOf' | 'lastCommittedPosition'>;

export interface WaiterOptions {
  timeoutMs?: number;
  pollMs?: number;
  /** Told when a wait gives up: the write stands, but the caller's next read may not see it. */
  onTimeout?: (orgId: string) => void;
  /** The store the positions belong to (default: the ledger's tables through `pool`). */
  ledger?: WaiterLedger;
}

/** A projection that has not applied a write: stopped on a failed event, or still catching up. */
export interface ProjectionBehind {
  projection: string;
  reason: 'failed' | 'lagging';
}

/** Where a write stands in the read models once the waiter stops waiting. */
export interface ViewState {
  /** Empty when every projection applied the write: the next read sees it. */
  behind: ProjectionBehind[];
  /** The wait ended at the timeout with a projection still lagging. */
  timedOut: boolean;
}

const STATES_SQL = `SELECT s.projection, s.status, c.last_seq FROM projection_state s
  LEFT JOIN projection_checkpoints c
    ON c.projection = s.projection AND c.org_id = s.org_id AND c.generation = s.active_generation
 WHERE s.org_id = $1 AND s.projection = ANY($2::text[])`;

/**
 * Read-your-writes for a command that answers after its append: waits until the events at
 * `positions` are sequenced and every named projection's live generation has applied them, so
 * the caller's next query sees its own write. A timeout is not an error: the write is durable,
 * only the read models lag, and the caller reports that as it sees fit.
 */
export class ProjectionWaiter {
  private readonly timeoutMs: number;
  private readonly pollMs: number;
  private readonly onTimeout: (orgId: string) => void;
  private readonly ledger: WaiterLedger;

  constructor(
    private readonly pool: Pool,
    private readonly projections: readonly string[],
    options: WaiterOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.pollMs = options.pollMs ?? 5;
    this.onTimeout = options.onTimeout ?? (() => undefined);
    this.ledger = options.ledger ?? ledgerReads(pool);
  }

  /**
   * Waits until the projections have applied every event of the org committed before the call:
   * for reads that must see what other requests just wrote (an audit trail showing the access
   * a moment ago). Recent positions are scanned (not only sequenced ones) because the
   * sequencer numbers committed events a few milliseconds after they commit.
   */
  async waitForOrgHead(orgId: string): Promise<boolean> {
    const position = await this.ledger.lastCommittedPosition(orgId);
    return position === null ? true : this.waitFor(orgId, [position]);
  }

  /** True once caught up (or stopped on a failure); false when `timeoutMs` passed first. */
  async waitFor(orgId: string, positions: readonly number[]): Promise<boolean> {
    return !(await this.settle(orgId, positions)).timedOut;
  }

  /**
   * Waits until every projection has applied the events at `positions` or is stopped on a
   * failed event of the org, at most `timeoutMs`, and says which are behind. A stopped projection
   * is not waited for: it will not catch up until an operator acts, and waiting would only delay
   * every write of the org by the timeout.
   */
  async settle(orgId: string, positions: readonly number[]): Promise<ViewState> {
    if (positions.length === 0 || this.projections.length === 0) return { behind: [], timedOut: false };
    const deadline = Date.now() + this.timeoutMs;
    let orgSeq: number | null = null;
    for (;;) {
      if (orgSeq === null) orgSeq = await this.lastOrgSeqOnceSequenced(positions);
      const behind = orgSeq === null ? this.allLagging() : await this.behindAt(orgId, orgSeq);
      if (behind.every((projection) => projection.reason === 'failed')) return { behind, timedOut: false };
      if (Date.now() >= deadline) {
        this.onTimeout(orgId);
        return { behind, timedOut: true };
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  private allLagging(): ProjectionBehind[] {
    return this.projections.map((projection) => ({ projection, reason: 'lagging' }));
  }

  /** The projections whose live generation has not reached `orgSeq`; none known yet is lagging. */
  private async behindAt(orgId: string, orgSeq: number): Promise<ProjectionBehind[]> {
    const { rows } = await this.pool.query<{ projection: string; status: string; last_seq: string | null }>(
      STATES_SQL,
      [orgId, this.projections],
    );
    const states = new Map(rows.map((row) => [row.projection, row]));
    const behind: ProjectionBehind[] = [];
    for (const projection of this.projections) {
      const state = states.get(projection);
      if (state && state.last_seq !== null && Number(state.last_seq) >= orgSeq) continue;
      behind.push({ projection, reason: state?.status === 'failed' ? 'failed' : 'lagging' });
    }
    return behind;
  }

  /** The highest per-org sequence among `positions` once all of them are sequenced, else null. */
  private async lastOrgSeqOnceSequenced(positions: readonly number[]): Promise<number | null> {
    const orgSeqs = await this.ledger.orgSeqsOf(positions);
    return orgSeqs.size === new Set(positions).size ? Math.max(...orgSeqs.values()) : null;
  }
}

/** The generation queries must read for an org: the live one, or 1 before the runner first saw the org. */
export async function activeGeneration(db: Pick<Pool, 'query'>, projection: string, orgId: string): Promise<number> {
  const { rows } = await db.query<{ active_generation: string }>(
    'SELECT active_generation FROM projection_state WHERE projection = $1 AND org_id = $2',
    [projection, orgId],
  );
  return rows.length === 0 ? 1 : Number(rows[0].active_generation);
}
