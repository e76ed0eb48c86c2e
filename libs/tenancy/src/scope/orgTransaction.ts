import type { Pool, PoolClient } from 'pg';
import { inTransaction, ORG_SETTING } from '@ledger/postgres';

export { ORG_SETTING, orgRowSecuritySql } from '@ledger/postgres';

/**
 * Runs `work` in a transaction scoped to one org: `app.org_id` is set for this transaction only
 * (so a pooled connection never carries it into another request), and every table whose
 * policy reads it shows and accepts that org's rows alone. Code filters by org as well; this
 * is the second, independent wall.
 */
export function withOrgTransaction<T>(pool: Pool, orgId: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT set_config($1, $2, true)', [ORG_SETTING, orgId]);
    return work(client);
  });
}
