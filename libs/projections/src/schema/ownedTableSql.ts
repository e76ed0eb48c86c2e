import type { ColumnDefault, ColumnType, OwnedTable } from '../definition/projectionDefinition';

function literal(value: ColumnDefault): string {
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  return String(value);
}

function columnSql(name: string, type: ColumnType, notNull: boolean, value: ColumnDefault | undefined): string {
  const rest = `${notNull ? ' NOT NULL' : ''}${value === undefined ? '' : ` DEFAULT ${literal(value)}`}`;
  return `  ${name} ${type}${rest}`;
}

/**
 * The DDL of an owned table (of a validated definition): `(org_id, generation)`, the key, the
 * columns in declaration order, the primary key and the secondary indexes. Every statement is
 * `IF NOT EXISTS`, so it runs on every migrate: a new table appears and an existing one is left
 * as it is (a changed column of an existing table needs a migration of its own).
 */
export function ownedTableSql(table: OwnedTable): string {
  const notNull = new Set(table.notNull ?? []);
  const defaults = table.defaults ?? {};
  const keys = Object.keys(table.key);
  const lines = [
    columnSql('org_id', 'text', true, undefined),
    columnSql('generation', 'bigint', true, undefined),
    ...Object.entries(table.key).map(([name, type]) => columnSql(name, type, true, undefined)),
    ...Object.entries(table.columns).map(([name, type]) => columnSql(name, type, notNull.has(name), defaults[name])),
    `  PRIMARY KEY (${['org_id', 'generation', ...keys].join(', ')})`,
  ];
  const statements = [`CREATE TABLE IF NOT EXISTS ${table.name} (\n${lines.join(',\n')}\n);`];
  for (const index of table.indexes ?? []) {
    const columns = ['org_id', 'generation', ...index.columns].join(', ');
    const where = index.where === undefined ? '' : ` WHERE ${index.where}`;
    statements.push(`CREATE INDEX IF NOT EXISTS ${index.name} ON ${table.name} (${columns})${where};`);
  }
  return `${statements.join('\n')}\n`;
}
