import type { Pool } from 'pg';

/**
 * Every sequence owned by a column (identity or serial) of the public schema whose next value is
 * not past the column's maximum: after a restore, the next insert would collide or go backwards.
 * Found from the catalogue, so no table is named here.
 */
export async function identitySequencesBehind(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ sequence: string; tbl: string; col: string }>(
    `SELECT format('%I.%I', sn.nspname, s.relname) AS sequence, format('%I.%I', tn.nspname, t.relname) AS tbl,
            quote_ident(a.attname) AS col
       FROM pg_class s
       JOIN pg_namespace sn ON sn.oid = s.relnamespace
       JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
       JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_namespace tn ON tn.oid = t.relnamespace
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
      WHERE s.relkind = 'S' AND d.deptype IN ('a', 'i') AND tn.nspname = 'public'`,
  );
  const behind: string[] = [];
  for (const { sequence, tbl, col } of rows) {
    const { rows: state } = await pool.query<{ next: string | null; max: string | null }>(
      `SELECT (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM ${sequence}) AS next,
              (SELECT max(${col})::bigint FROM ${tbl}) AS max`,
    );
    const { next, max } = state[0];
    if (max !== null && (next === null || BigInt(next) <= BigInt(max))) behind.push(sequence);
  }
  return behind;
}
