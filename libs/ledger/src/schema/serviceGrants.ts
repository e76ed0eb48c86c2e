import { CROSS_ORG_ROLE, grantMembershipSql } from '@ledger/postgres';

const ROLE = /^[a-z_][a-z0-9_]*$/;
const CATEGORY = /^[a-z][a-z0-9]*$/;

function checked(pattern: RegExp, what: string, value: string): string {
  if (!pattern.test(value)) throw new Error(`${what} "${value}" is not valid in generated SQL`);
  return value;
}

/**
 * What a service's role needs of the ledger's tables (the same rights as `ledger_writer`: the
 * appender and the sequencer) and the stream categories only it may append to (enforced by
 * ledger_events' trigger). Idempotent: re-running grants again, and a category another role
 * already owns is a conflict, never a takeover.
 */
export function ledgerServiceGrantsSql(role: string, categories: readonly string[]): string {
  checked(ROLE, 'role', role);
  if (categories.length === 0) throw new Error(`role ${role} owns no stream category`);
  const names = categories.map((category) => checked(CATEGORY, 'stream category', category));
  const values = names.map((category) => `('${category}', '${role}')`).join(', ');
  const list = names.map((category) => `'${category}'`).join(', ');
  // A multi-node service process is its own sequencer, relay and projection runner, all of which
  // read every org: its role is cross-org.
  return `${grantMembershipSql(CROSS_ORG_ROLE, role)}GRANT SELECT, INSERT ON ledger_events, ledger_log, ledger_merkle_tiles, ledger_tree_heads TO ${role};
GRANT SELECT, INSERT, UPDATE ON ledger_org_heads, ledger_sequencer_cursor, ledger_stream_keys TO ${role};
GRANT SELECT ON ledger_category_owners, ledger_schema_migrations TO ${role};
GRANT SELECT, INSERT, UPDATE ON ledger_retention_classes, ledger_legal_holds, ledger_retention_sweeps TO ${role};
INSERT INTO ledger_category_owners (category, owner_role)
VALUES ${values}
ON CONFLICT (category) DO NOTHING;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM ledger_category_owners
              WHERE category IN (${list}) AND owner_role <> '${role}') THEN
    RAISE EXCEPTION 'a stream category of ${role} (${names.join(', ')}) is already owned by another role';
  END IF;
END;
$$;
`;
}

/**
 * What a role that HTTP requests run as needs of the ledger's tables: read its org's rows
 * (verification, export; row-level security shows it no other), publish its signed tree heads,
 * and append in the transaction of a change it records (a projection's resume or skip, a
 * retention class or a legal hold, with its row).
 */
export function ledgerRequestGrantsSql(role: string): string {
  checked(ROLE, 'role', role);
  return `GRANT SELECT ON ledger_events, ledger_log, ledger_org_heads, ledger_stream_keys, ledger_merkle_tiles, ledger_tree_heads, ledger_sequencer_cursor TO ${role};
GRANT INSERT ON ledger_tree_heads, ledger_events TO ${role};
GRANT SELECT, INSERT ON ledger_stream_keys TO ${role};
GRANT SELECT, INSERT, UPDATE ON ledger_retention_classes, ledger_legal_holds TO ${role};
GRANT SELECT ON ledger_retention_sweeps TO ${role};
`;
}
