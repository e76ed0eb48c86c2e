import type { Pool } from 'pg';
import type { SignedTreeHead } from './treeHead';

/** The append-only table of signed tree heads (migration 002). */
export const TREE_HEADS_TABLE = 'ledger_tree_heads';

interface TreeHeadRow {
  org_id: string;
  tree_size: string;
  root_hash: Buffer;
  signed_at: Date;
  key_id: string;
  signature: Buffer;
}

function toHead(row: TreeHeadRow): SignedTreeHead {
  return {
    orgId: row.org_id,
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash.toString('hex'),
    timestamp: row.signed_at.toISOString(),
    keyId: row.key_id,
    signature: row.signature.toString('hex'),
  };
}

export async function insertTreeHead(pool: Pool, head: SignedTreeHead): Promise<void> {
  await pool.query(
    `INSERT INTO ${TREE_HEADS_TABLE} (org_id, tree_size, root_hash, signed_at, key_id, signature)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      head.orgId,
      head.treeSize,
      Buffer.from(head.rootHash, 'hex'),
      head.timestamp,
      head.keyId,
      Buffer.from(head.signature, 'hex'),
    ],
  );
}

/** Every head of an org, by tree size then signing order. */
export async function readTreeHeads(pool: Pool, orgId: string): Promise<SignedTreeHead[]> {
  const { rows } = await pool.query<TreeHeadRow>(
    `SELECT org_id, tree_size, root_hash, signed_at, key_id, signature FROM ${TREE_HEADS_TABLE}
      WHERE org_id = $1 ORDER BY tree_size, head_id`,
    [orgId],
  );
  return rows.map(toHead);
}

/** The org's largest signed tree size, or -1 when it has no head. */
export async function latestSignedSize(pool: Pool, orgId: string): Promise<number> {
  const { rows } = await pool.query<{ size: string | null }>(
    `SELECT max(tree_size) AS size FROM ${TREE_HEADS_TABLE} WHERE org_id = $1`,
    [orgId],
  );
  return rows[0].size === null ? -1 : Number(rows[0].size);
}

/**
 * Orgs due a head: grown since their last one, without one, or whose last one was signed at or
 * before `signedBefore` (a fresh head for an unchanged tree).
 */
export async function orgsDueForHead(pool: Pool, signedBefore: Date): Promise<string[]> {
  const { rows } = await pool.query<{ org_id: string }>(
    `SELECT h.org_id FROM ledger_org_heads h
      WHERE h.next_seq > coalesce((SELECT max(t.tree_size) FROM ${TREE_HEADS_TABLE} t WHERE t.org_id = h.org_id), -1)
         OR (SELECT max(t.signed_at) FROM ${TREE_HEADS_TABLE} t WHERE t.org_id = h.org_id) <= $1
      ORDER BY h.org_id`,
    [signedBefore],
  );
  return rows.map((row) => row.org_id);
}

/**
 * The oldest of every org's latest head: the signing time of the stalest org's last head, or,
 * for an org never signed, the last time its tree grew. Null when no org has events.
 */
export async function stalestLatestHead(pool: Pool): Promise<Date | null> {
  const { rows } = await pool.query<{ at: Date | null }>(
    `SELECT min(coalesce((SELECT max(t.signed_at) FROM ${TREE_HEADS_TABLE} t WHERE t.org_id = h.org_id), h.updated_at)) AS at
       FROM ledger_org_heads h`,
  );
  return rows[0].at;
}
