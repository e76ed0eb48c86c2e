import type { Pool } from 'pg';

export interface OrgLag {
  orgId: string;
  /** Last sequenced per-org number; -1 for none. */
  head: number;
  /** Last applied to the active generation; -1 for none. */
  checkpoint: number;
  status: 'running' | 'failed' | 'new';
  activeGeneration: number | null;
  version: number | null;
}

const LAG_SQL = `SELECT h.org_id, h.next_seq - 1 AS head, coalesce(c.last_seq, -1) AS checkpoint,
       coalesce(s.status, 'new') AS status, s.active_generation, s.version
  FROM ledger_org_heads h
  LEFT JOIN projection_state s ON s.projection = $1 AND s.org_id = h.org_id
  LEFT JOIN projection_checkpoints c
         ON c.projection = $1 AND c.org_id = h.org_id AND c.generation = s.active_generation
 WHERE ($2::text IS NULL OR h.org_id = $2)
 ORDER BY h.org_id`;

/** Every org the ledger knows, with how far a projection has got in it. */
export async function readOrgLags(pool: Pool, projection: string, orgId?: string): Promise<OrgLag[]> {
  const { rows } = await pool.query<{
    org_id: string;
    head: string;
    checkpoint: string;
    status: OrgLag['status'];
    active_generation: string | null;
    version: number | null;
  }>(LAG_SQL, [projection, orgId ?? null]);
  return rows.map((row) => ({
    orgId: row.org_id,
    head: Number(row.head),
    checkpoint: Number(row.checkpoint),
    status: row.status,
    activeGeneration: row.active_generation === null ? null : Number(row.active_generation),
    version: row.version,
  }));
}
