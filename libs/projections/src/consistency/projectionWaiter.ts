import type { Pool } from 'pg';

export interface WaiterOptions {
  timeoutMs?: number;
  pollMs?: number;
}

const SEQUENCED_SQL = 'SELECT max(org_seq) AS org_seq, count(*)::int AS n FROM ledger_log WHERE position = ANY($1::bigint[])';
const CAUGHT_UP_SQL = `SELECT count(*)::int AS n FROM projection_state s
  JOIN projection_checkpoints c
    ON c.projection = s.projection AND c.org_id = s.org_id AND c.generation = s.active_generation
 WHERE s.org_id = $1 AND s.projection = ANY($2::text[]) AND c.last_seq >= $3`;

/**
 * Read-your-writes for a command that answers after its append: waits until the events at
 * `positions` are sequenced and every named projection's live generation has applied them, so
 * the caller's next query sees its own write. A timeout is not an error: the write is durable,
 * only the read models lag, and the caller reports that as it sees fit.
 */
export class ProjectionWaiter {
  private readonly timeoutMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly pool: Pool,
    private readonly projections: readonly string[],
    options: WaiterOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.pollMs = options.pollMs ?? 5;
  }

  /** True once caught up; false when `timeoutMs` passed first. */
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
      if (Date.now() >= deadline) return false;
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
