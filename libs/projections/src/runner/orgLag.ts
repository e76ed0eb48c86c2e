import { ledgerReads } from '@ledger/ledger';
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

type Progress = Omit<OrgLag, 'orgId' | 'head'>;

const PROGRESS_SQL = `SELECT s.org_id, coalesce(c.last_seq, -1) AS checkpoint, s.status, s.active_generation, s.version
  FROM projection_state s
  LEFT JOIN projection_checkpoints c
         ON c.projection = s.projection AND c.org_id = s.org_id AND c.generation = s.active_generation
 WHERE s.projection = $1 AND ($2::text IS NULL OR s.org_id = $2)`;

/** The projection's state in every org it has seen, by org: one query, merged with the heads in memory. */
async function readProgress(pool: Pool, projection: string, orgId?: string): Promise<Map<string, Progress>> {
  const { rows } = await pool.query<{
    org_id: string;
    checkpoint: string;
    status: OrgLag['status'];
    active_generation: string;
    version: number;
  }>(PROGRESS_SQL, [projection, orgId ?? null]);
  return new Map(
    rows.map((row) => [
      row.org_id,
      {
        checkpoint: Number(row.checkpoint),
        status: row.status,
        activeGeneration: Number(row.active_generation),
        version: row.version,
      },
    ]),
  );
}

const NEW_ORG: Progress = { checkpoint: -1, status: 'new', activeGeneration: null, version: null };

/**
 * Every org the ledger knows, in org id order, with how far a projection has got in it. Progress
 * is read before the heads: heads only grow, so no checkpoint can show past its head.
 */
export async function readOrgLags(pool: Pool, projection: string, orgId?: string): Promise<OrgLag[]> {
  const progress = await readProgress(pool, projection, orgId);
  const sizes = await ledgerReads(pool).orgSizes(orgId);
  return sizes.map(({ orgId: id, size }) => ({ orgId: id, head: size - 1, ...(progress.get(id) ?? NEW_ORG) }));
}
