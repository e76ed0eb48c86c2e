import type { PoolClient } from 'pg';
import type { ColumnType, OwnedTable } from '../definition/projectionDefinition';
import type { ColumnValue } from './projectionTx';

/** One key's net effect in a batch: an optional delete, then set and add column values. */
export interface PendingRow {
  key: ColumnValue[];
  deleted: boolean;
  set: Map<string, ColumnValue>;
  add: Map<string, number>;
}

/** Arrays of jsonb travel as text; everything else as PostgreSQL's own array literal. */
function toParam(type: ColumnType, values: ColumnValue[]): unknown[] {
  return type === 'jsonb' ? values.map((value) => (value === null ? null : JSON.stringify(value))) : values;
}

/** Deletes first, then one upsert per distinct column set: the order the handlers meant. */
export async function flushTable(
  client: PoolClient,
  table: OwnedTable,
  orgId: string,
  generation: number,
  rows: PendingRow[],
): Promise<void> {
  const deleted = rows.filter((row) => row.deleted);
  if (deleted.length > 0) await deleteKeys(client, table, orgId, generation, deleted);
  const groups = new Map<string, PendingRow[]>();
  for (const row of rows) {
    if (row.deleted && row.set.size === 0 && row.add.size === 0) continue;
    const signature = `${[...row.set.keys()].sort().join(',')}|${[...row.add.keys()].sort().join(',')}`;
    const group = groups.get(signature) ?? [];
    group.push(row);
    groups.set(signature, group);
  }
  for (const group of groups.values()) await upsertGroup(client, table, orgId, generation, group);
}

async function deleteKeys(
  client: PoolClient,
  table: OwnedTable,
  orgId: string,
  generation: number,
  rows: PendingRow[],
) {
  const keyColumns = Object.entries(table.key);
  const unnest = keyColumns.map(([, type], index) => `$${index + 3}::${type}[]`).join(', ');
  const names = keyColumns.map(([name]) => name).join(', ');
  const params = keyColumns.map(([, type], index) =>
    toParam(
      type,
      rows.map((row) => row.key[index]),
    ),
  );
  await client.query(
    `DELETE FROM ${table.name} WHERE org_id = $1 AND generation = $2 AND (${names}) IN (SELECT * FROM unnest(${unnest}))`,
    [orgId, generation, ...params],
  );
}

async function upsertGroup(
  client: PoolClient,
  table: OwnedTable,
  orgId: string,
  generation: number,
  rows: PendingRow[],
) {
  const keyColumns = Object.entries(table.key);
  const setColumns = [...rows[0].set.keys()].sort();
  const addColumns = [...rows[0].add.keys()].sort();
  const valueColumns = [...setColumns, ...addColumns];
  const types = [...keyColumns.map(([, type]) => type), ...valueColumns.map((name) => table.columns[name])];
  const names = [...keyColumns.map(([name]) => name), ...valueColumns];
  const params = [
    ...keyColumns.map(([, type], index) =>
      toParam(
        type,
        rows.map((row) => row.key[index]),
      ),
    ),
    ...setColumns.map((name) =>
      toParam(
        table.columns[name],
        rows.map((row) => row.set.get(name) ?? null),
      ),
    ),
    ...addColumns.map((name) =>
      toParam(
        table.columns[name],
        rows.map((row) => row.add.get(name) ?? 0),
      ),
    ),
  ];
  const unnest = types.map((type, index) => `$${index + 3}::${type}[]`).join(', ');
  const updates = [
    ...setColumns.map((name) => `${name} = EXCLUDED.${name}`),
    ...addColumns.map((name) => `${name} = ${table.name}.${name} + EXCLUDED.${name}`),
  ];
  const conflict = `ON CONFLICT (org_id, generation, ${keyColumns.map(([name]) => name).join(', ')})`;
  const action = updates.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${updates.join(', ')}`;
  await client.query(
    `INSERT INTO ${table.name} (org_id, generation, ${names.join(', ')})
     SELECT $1, $2, * FROM unnest(${unnest}) ${conflict} ${action}`,
    [orgId, generation, ...params],
  );
}
