import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '@ledger/postgres';

/** The per-transaction setting row-level security policies compare `org_id` with. */
export const ORG_SETTING = 'app.org_id';

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

/**
 * SQL that puts a table under org row-level security; for service migrations. Rows are
 * visible and writable only when their org_id equals the transaction's `app.org_id`; with no
 * setting nothing is visible. FORCE makes it apply to the table's owner too.
 */
export function orgRowSecuritySql(table: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error('table must be a plain identifier');
  return `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY ${table}_org_isolation ON ${table}
  USING (org_id = current_setting('${ORG_SETTING}', true))
  WITH CHECK (org_id = current_setting('${ORG_SETTING}', true));`;
}
