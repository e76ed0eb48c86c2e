import type { PoolClient } from 'pg';
import { computeStoredHashes } from '../merkle/storedHashes';
import { subtreeAddresses } from '../merkle/subtree';
import { insertOrgNodes, readOrgNodes, type OrgAddress, type OrgNode } from './merkleNodes';

/** Leaves to append to one org's tree, which has `treeSize` leaves before them. */
export interface OrgLeaves {
  readonly orgId: string;
  readonly treeSize: number;
  readonly leafHashes: readonly Uint8Array[];
}

/**
 * Grows the trees of several orgs inside the caller's transaction with two round trips in all:
 * one read of every org's right edge (at most one node per level), one insert of every new node.
 * Nothing already stored is read again or rewritten (see merkle/storedHashes.ts).
 */
export async function integrateLeaves(client: PoolClient, batches: readonly OrgLeaves[]): Promise<number> {
  const edges = batches.map((batch) =>
    subtreeAddresses({ start: 0, end: batch.treeSize }).map((a): OrgAddress => ({ ...a, orgId: batch.orgId })),
  );
  const hashes = await readOrgNodes(client, edges.flat());
  let next = 0;
  const nodes: OrgNode[] = [];
  batches.forEach((batch, position) => {
    const edge = edges[position].map((address) => ({ ...address, hash: hashes[next++] }));
    for (const node of computeStoredHashes(batch.treeSize, batch.leafHashes, edge)) {
      nodes.push({ orgId: batch.orgId, level: node.level, index: node.index, hash: node.hash });
    }
  });
  await insertOrgNodes(client, nodes);
  return nodes.length;
}
