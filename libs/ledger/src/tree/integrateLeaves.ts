import type { PoolClient } from 'pg';
import { insertTiles, readTileMaterial } from './merkleTiles';
import { growEdge, type Tile } from './tileEdge';
import { edgeTiles, looseStart, topLevel } from './tileLayout';

/** Leaves to append to one org's tree, which has `treeSize` leaves before them. */
export interface OrgLeaves {
  readonly orgId: string;
  readonly treeSize: number;
  readonly leafHashes: readonly Uint8Array[];
}

/**
 * Grows the trees of several orgs inside the caller's transaction with two round trips in all:
 * one read of every org's edge material (at most one tile per level and fewer than W leaves),
 * one insert of every tile that became full. Nothing already stored is rewritten.
 */
export async function integrateLeaves(client: PoolClient, batches: readonly OrgLeaves[]): Promise<number> {
  const material = await readTileMaterial(
    client,
    batches.map((b) => ({
      orgId: b.orgId,
      tiles: edgeTiles(b.treeSize, topLevel(b.treeSize + b.leafHashes.length)),
      leaves: { start: looseStart(b.treeSize, 0), end: b.treeSize },
    })),
  );
  const tiles: (Tile & { orgId: string })[] = [];
  for (const batch of batches) {
    const grown = growEdge(batch.treeSize, material.get(batch.orgId)!, batch.leafHashes);
    for (const tile of grown.newTiles) tiles.push({ ...tile, orgId: batch.orgId });
  }
  await insertTiles(client, tiles);
  return tiles.length;
}
