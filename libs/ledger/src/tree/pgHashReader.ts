import type { Pool, PoolClient } from 'pg';
import type { HashReader } from '../merkle/hashReader';
import type { TreeAddress } from '../merkle/treeAddress';
import { readOrgNodes } from './merkleNodes';

/** HashReader over one org's stored tree: each readHashes call is one query. */
export class PgHashReader implements HashReader {
  constructor(
    private readonly db: Pool | PoolClient,
    private readonly orgId: string,
  ) {}

  readHashes(addresses: readonly TreeAddress[]): Promise<Uint8Array[]> {
    return readOrgNodes(
      this.db,
      addresses.map((address) => ({ orgId: this.orgId, level: address.level, index: address.index })),
    );
  }
}
