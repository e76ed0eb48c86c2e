import { orgRowSecuritySql } from '@ledger/postgres';
import { inboxTableSql } from '../consumer/inboxTable';

/**
 * The bus's part of a service role: its inbox (created once, kept as it is afterwards, under the
 * org policy like every org-scoped table) and its
 * relay's checkpoint row. The checkpoint table exists only where the bus was migrated (a
 * single-node database has none), so its grant waits for it: the role migration runs on every
 * migrate, and the first one after the bus's gives it.
 */
export function busServiceGrantsSql(role: string, inboxTable: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`role "${role}" is not valid in generated SQL`);
  const create = inboxTableSql(inboxTable).replace(/^CREATE TABLE /, 'CREATE TABLE IF NOT EXISTS ');
  return `${create}
CREATE INDEX IF NOT EXISTS ${inboxTable}_org ON ${inboxTable} (org_id, received_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON ${inboxTable} TO ${role};
${orgRowSecuritySql(inboxTable)}DO $$
BEGIN
  IF to_regclass('bus_relay_checkpoints') IS NOT NULL THEN
    GRANT SELECT, INSERT, UPDATE ON bus_relay_checkpoints TO ${role};
  END IF;
END;
$$;
`;
}
