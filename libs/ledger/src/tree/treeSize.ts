import type { Pool, PoolClient } from 'pg';
import { MerkleError } from '../merkle/merkleError';
import { requireCount } from '../merkle/treeMath';

/** The number of leaves in the org's tree: its sequenced events. */
export async function readTreeSize(db: Pool | PoolClient, orgId: string): Promise<number> {
  const { rows } = await db.query<{ next_seq: string }>('SELECT next_seq FROM ledger_org_heads WHERE org_id = $1', [
    orgId,
  ]);
  return rows.length === 0 ? 0 : Number(rows[0].next_seq);
}

/** Throws MERKLE.SIZE_OUT_OF_RANGE unless the org's tree of `current` leaves has reached `treeSize`. */
export function requireTreeReached(orgId: string, treeSize: number, current: number): void {
  requireCount('treeSize', treeSize);
  if (treeSize > current) {
    throw new MerkleError(
      'MERKLE.SIZE_OUT_OF_RANGE',
      `tree size ${treeSize} is larger than org ${orgId}'s tree (${current} leaves)`,
      { orgId, treeSize, current },
    );
  }
}
