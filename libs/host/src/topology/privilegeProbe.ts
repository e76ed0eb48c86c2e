import type { Client, Pool, PoolClient } from 'pg';

export interface WritableTable {
  table: string;
  privileges: string[];
}

/** What the database says the connection's role may do; the gate trusts this, not the config. */
export interface PrivilegeProbe {
  currentRole(): Promise<string>;
  /** Tables named with one of the prefixes that the role can INSERT, UPDATE or DELETE. */
  writableTables(prefixes: readonly string[]): Promise<WritableTable[]>;
  /** Stream categories the ledger trigger lets the role append to as an owner (ledger_category_owners). */
  ownedCategories(): Promise<string[]>;
}

const WRITABLE_TABLES_SQL = `
SELECT tablename AS table, privileges
  FROM (SELECT t.tablename,
               ARRAY(SELECT p FROM unnest(ARRAY['INSERT', 'UPDATE', 'DELETE']) AS p
                      WHERE has_table_privilege(format('%I.%I', t.schemaname, t.tablename), p)) AS privileges
          FROM pg_tables t
         WHERE t.schemaname = current_schema()
           AND EXISTS (SELECT 1 FROM unnest($1::text[]) AS prefix WHERE left(t.tablename, length(prefix)) = prefix)
       ) AS checked
 WHERE cardinality(privileges) > 0
 ORDER BY tablename`;

// Mirrors the ledger_events trigger (libs/ledger/migrations/003_category_owners.sql): a role owns
// a category directly or through a role whose privileges it inherits; superusers own none.
const OWNED_CATEGORIES_SQL = `
SELECT o.category
  FROM ledger_category_owners o
  JOIN pg_roles r ON r.rolname = o.owner_role
 WHERE o.owner_role = current_user
    OR (NOT (SELECT s.rolsuper FROM pg_roles s WHERE s.rolname = current_user)
        AND pg_has_role(current_user, r.oid, 'USAGE'))
 ORDER BY o.category`;

export function pgPrivilegeProbe(db: Pool | PoolClient | Client): PrivilegeProbe {
  return {
    async currentRole() {
      const { rows } = await db.query<{ role: string }>('SELECT current_user AS role');
      return rows[0].role;
    },
    async writableTables(prefixes) {
      if (prefixes.length === 0) return [];
      const { rows } = await db.query<WritableTable>(WRITABLE_TABLES_SQL, [prefixes]);
      return rows;
    },
    async ownedCategories() {
      const { rows: found } = await db.query<{ present: boolean }>(
        "SELECT to_regclass('ledger_category_owners') IS NOT NULL AS present",
      );
      if (!found[0].present) return [];
      const { rows } = await db.query<{ category: string }>(OWNED_CATEGORIES_SQL);
      return rows.map((row) => row.category);
    },
  };
}
