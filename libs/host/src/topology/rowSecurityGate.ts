import type { Pool } from 'pg';
import { TopologyError } from './topologyError';

interface Identity {
  login: string;
  role: string;
  login_super: boolean;
  login_bypass: boolean;
  role_super: boolean;
  role_bypass: boolean;
}

const IDENTITY_SQL = `SELECT s.rolname AS login, c.rolname AS role,
       s.rolsuper AS login_super, s.rolbypassrls AS login_bypass,
       c.rolsuper AS role_super, c.rolbypassrls AS role_bypass
  FROM pg_roles s, pg_roles c
 WHERE s.rolname = session_user AND c.rolname = current_user`;

/**
 * Start-up gate: a process never serves as a superuser or a role that bypasses row-level
 * security, neither as its login (which could `RESET ROLE` back to it) nor as the role its
 * connections take, since either would see every org whatever the policies say.
 */
export async function refuseRowSecurityBypass(pool: Pool): Promise<void> {
  const { rows } = await pool.query<Identity>(IDENTITY_SQL);
  const who = rows[0];
  if (!who) throw new TopologyError('TOPOLOGY_BYPASSES_ROW_SECURITY', 'the database login could not be identified');
  const refused = [
    who.login_super || who.role_super ? 'is a superuser' : '',
    who.login_bypass || who.role_bypass ? 'has BYPASSRLS' : '',
  ].filter(Boolean);
  if (refused.length > 0) {
    const named = who.login === who.role ? `login ${who.login}` : `login ${who.login} (role ${who.role})`;
    throw new TopologyError(
      'TOPOLOGY_BYPASSES_ROW_SECURITY',
      `database ${named} ${refused.join(' and ')}: a running process must log in as a NOSUPERUSER NOBYPASSRLS role (docs: README "Row-level security and roles")`,
    );
  }
}
