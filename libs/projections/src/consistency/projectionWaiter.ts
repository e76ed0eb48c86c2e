import type { Pool } from 'pg';

export interface WaiterOptions {
  timeoutMs?: number;
  pollMs?: number;
  /** Told when a wait gives up: the write stands, but the caller's next read may not see it. */
  onTimeout?: (orgId: string) => void;
}

const SEQUENCED_SQL =
  'SELECT max(org_seq) AS org_seq, count(*)::int AS n FROM ledger_log WHERE position = ANY($1::bigint[])';
// A projection stopped on a failed event will not catch up until an operator acts: waiting
// for it would only delay every write of the org by the timeout, so it counts as done.
const CAUGHT_UP_SQL = `SELECT count(*)::int AS n FROM projection_state s
  LEFT JOIN projection_checkpoints c
    ON c.projection = s.projection AND c.org_id = s.org_id AND c.generation = s.active_generation
 WHERE s.org_id = $1 AND s.projection = ANY($2::text[]) AND (c.last_seq >= $3 OR s.status = 'failed')`;

// The org's last committed event: the newest unsequenced one within the recent tail, else the
// last sequenced one. The tail bound keeps the scan to a short stretch of the primary key.
const ORG_HEAD_SQL = `SELECT coalesce(
   (SELECT max(position) FROM ledger_events
     WHERE org_id = $1 AND position > (SELECT coalesce(max(position), 0) - 10000 FROM ledger_log)),
   (SELECT position FROM ledger_log WHERE org_id = $1 ORDER BY org_seq DESC LIMIT 1)) AS position`;

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

  constructor(
    private readonly pool: Pool,
    private readonly projections: readonly string[],
    options: WaiterOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.pollMs = options.pollMs ?? 5;
    this.onTimeout = options.onTimeout ?? (() => undefined);
  }

  /**
   * Waits until the projections have applied every event of the org committed before the call:
   * for reads that must see what other requests just wrote (an audit trail showing the access
   * a moment ago). Recent positions are scanned (not only sequenced ones) because the
   * sequencer numbers committed events a few milliseconds after they commit.
   */
  async waitForOrgHead(orgId: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ position: string | null }>(ORG_HEAD_SQL, [orgId]);
    return rows[0].position === null ? true : this.waitFor(orgId, [Number(rows[0].position)]);
  }

  /** True once caught up (or stopped on a failure); false when `timeoutMs` passed first. */
  async waitFor(orgId: string, positions: readonly number[]): Promise<boolean> {
    if (positions.length === 0 || this.projections.length === 0) return true;
    const deadline = Date.now() + this.timeoutMs;
    let orgSeq: number | null = null;
    for (;;) {
      if (orgSeq === null) {
        const { rows } = await this.pool.query<{ org_seq: string | null; n: number }>(SEQUENCED_SQL, [positions]);
        if (rows[0].n === new Set(positions).size) orgSeq = Number(rows[0].org_seq);
      }
      if (orgSeq !== null) {
        const { rows } = await this.pool.query<{ n: number }>(CAUGHT_UP_SQL, [orgId, this.projections, orgSeq]);
        if (rows[0].n === this.projections.length) return true;
      }
      if (Date.now() >= deadline) {
        this.onTimeout(orgId);
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
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
