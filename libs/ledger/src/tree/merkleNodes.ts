import type { Pool, PoolClient } from 'pg';
import { MerkleError } from '../merkle/merkleError';
import type { StoredNode, TreeAddress } from '../merkle/treeAddress';

/** The table of stored complete-subtree hashes, one RFC 6962 tree per org (migration 002). */
export const MERKLE_NODES_TABLE = 'ledger_merkle_nodes';

type Queryable = Pool | PoolClient;

/** A stored node of one org's tree. */
export interface OrgNode extends StoredNode {
  readonly orgId: string;
}

/** An address in one org's tree. */
export interface OrgAddress extends TreeAddress {
  readonly orgId: string;
}

// The ordinality keeps the answer in request order, and the LEFT JOIN leaves a NULL where a
// node is missing, so a short answer cannot be mistaken for a complete one.
const READ_SQL = `
SELECT n.hash
  FROM unnest($1::text[], $2::smallint[], $3::bigint[]) WITH ORDINALITY AS a(org_id, level, index, ord)
  LEFT JOIN ${MERKLE_NODES_TABLE} n ON n.org_id = a.org_id AND n.level = a.level AND n.index = a.index
 ORDER BY a.ord`;

const INSERT_SQL = `
INSERT INTO ${MERKLE_NODES_TABLE} (org_id, level, index, hash)
SELECT * FROM unnest($1::text[], $2::smallint[], $3::bigint[], $4::bytea[])`;

/**
 * Reads the hashes at `addresses` (of any orgs) in one round trip, in request order. Throws
 * MERKLE.MISSING_HASH naming the first address that is not stored.
 */
export async function readOrgNodes(db: Queryable, addresses: readonly OrgAddress[]): Promise<Uint8Array[]> {
  if (addresses.length === 0) return [];
  const { rows } = await db.query<{ hash: Buffer | null }>(READ_SQL, [
    addresses.map((a) => a.orgId),
    addresses.map((a) => a.level),
    addresses.map((a) => a.index),
  ]);
  return rows.map((row, position) => {
    if (row.hash === null) throw missingNode(addresses[position]);
    return row.hash;
  });
}

/** Inserts `nodes` (of any orgs) in one statement; a node already stored is a key violation. */
export async function insertOrgNodes(db: Queryable, nodes: readonly OrgNode[]): Promise<void> {
  if (nodes.length === 0) return;
  await db.query(INSERT_SQL, [
    nodes.map((n) => n.orgId),
    nodes.map((n) => n.level),
    nodes.map((n) => n.index),
    nodes.map((n) => n.hash),
  ]);
}

function missingNode(address: OrgAddress): MerkleError {
  return new MerkleError(
    'MERKLE.MISSING_HASH',
    `no hash stored at ${address.level}/${address.index} for org ${address.orgId}`,
    { orgId: address.orgId, level: address.level, index: address.index },
  );
}
