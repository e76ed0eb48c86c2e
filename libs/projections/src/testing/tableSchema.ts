import { Client } from 'pg';

/** What PostgreSQL says a table is: enough to tell two ways of creating it apart. */
export interface TableSchema {
  /** `name type NULL|NOT NULL default`, in column order. */
  columns: string[];
  /** Every constraint by name: the primary key, and checks or uniques if any. */
  constraints: string[];
  /** `pg_indexes` definitions: the primary key's index and the secondary ones. */
  indexes: string[];
}

/** The schema of each named table of the database at `url`, by table name; a missing table has none. */
export async function describeTables(url: string, tables: readonly string[]): Promise<Record<string, TableSchema>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const described: Record<string, TableSchema> = {};
    for (const table of [...tables].sort()) {
      const columns = await client.query<{ line: string }>(
        `SELECT concat_ws(' ', column_name, data_type, CASE is_nullable WHEN 'YES' THEN 'NULL' ELSE 'NOT NULL' END,
                          coalesce(column_default, '')) AS line
           FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      );
      const constraints = await client.query<{ line: string }>(
        `SELECT conname || ' ' || pg_get_constraintdef(oid) AS line FROM pg_constraint
          WHERE conrelid = to_regclass($1) ORDER BY conname`,
        [table],
      );
      const indexes = await client.query<{ line: string }>(
        `SELECT indexdef AS line FROM pg_indexes
          WHERE schemaname = current_schema() AND tablename = $1 ORDER BY indexname`,
        [table],
      );
      described[table] = {
        columns: columns.rows.map((row) => row.line.trimEnd()),
        constraints: constraints.rows.map((row) => row.line),
        indexes: indexes.rows.map((row) => row.line),
      };
    }
    return described;
  } finally {
    await client.end();
  }
}
