import { ORG_SETTING } from './orgScope';

/**
 * The group role every cross-org policy names. Only the processes that must see every org are
 * its members: the ledger's engine (`ledger_writer`: group commit, sequencer, relay reads), the
 * projection worker (`ledger_projector`: runner, rebuilds, readiness) and each multi-node service
 * role; never the role HTTP requests run as (`ledger_request`).
 */
export const CROSS_ORG_ROLE = 'ledger_cross_org';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

const CREATE_CROSS_ORG_ROLE = `DO $$
BEGIN
  CREATE ROLE ${CROSS_ORG_ROLE} NOLOGIN NOINHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END;
$$;`;

/**
 * Idempotent SQL that puts a table with an `org_id` column under forced row-level security: a
 * row is visible and writable only when its org is the connection's `app.org_id` (no setting, no
 * rows), except for members of `ledger_cross_org`. FORCE makes it bind the table's owner too;
 * only superusers and BYPASSRLS roles, which no running process may be, pass over it.
 */
export function orgRowSecuritySql(table: string): string {
  if (!IDENTIFIER.test(table)) throw new Error(`table "${table}" must be a plain identifier`);
  const setting = `current_setting('${ORG_SETTING}', true)`;
  return `${CREATE_CROSS_ORG_ROLE}
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS ${table}_org_isolation ON ${table};
CREATE POLICY ${table}_org_isolation ON ${table}
  USING (org_id = ${setting})
  WITH CHECK (org_id = ${setting});
DROP POLICY IF EXISTS ${table}_cross_org ON ${table};
CREATE POLICY ${table}_cross_org ON ${table} TO ${CROSS_ORG_ROLE}
  USING (true)
  WITH CHECK (true);
`;
}

/**
 * Idempotent `GRANT role TO member`. Memberships are server-wide, so databases migrated side by
 * side (test suites) may grant the same one at the same moment; the loser of that race finds it
 * granted.
 */
export function grantMembershipSql(role: string, member: string): string {
  if (!IDENTIFIER.test(role) || !IDENTIFIER.test(member)) throw new Error('roles must be plain identifiers');
  return `DO $$
BEGIN
  IF NOT pg_has_role('${member}', '${role}', 'MEMBER') THEN
    GRANT ${role} TO ${member};
  END IF;
EXCEPTION WHEN unique_violation OR internal_error THEN NULL;
END;
$$;
`;
}
