import type { PoolClient, QueryResultRow } from 'pg';
import {
  tableOf,
  type ColumnType,
  type OwnedTable,
  type ProjectionDefinition,
} from '../definition/projectionDefinition';
import { flushTable, type PendingRow } from './flushTable';

export type ColumnValue = string | number | boolean | null | Date | object;
export type RowValues = Readonly<Record<string, ColumnValue>>;

/**
 * The transaction a handler writes through, scoped to one (org, generation). Writes are
 * buffered and coalesced per key, then flushed as one statement per table and column set:
 * a batch of thousands of events costs a handful of round trips, all inside the runner's
 * transaction, which also moves the checkpoint.
 */
export interface ProjectionTx {
  readonly orgId: string;
  readonly generation: number;
  /** Insert the row, or overwrite the given columns of the existing one. `row` includes the key. */
  upsert(table: string, row: RowValues): void;
  /** Add to numeric columns, inserting the row with the deltas when it does not exist. */
  increment(table: string, key: RowValues, deltas: Readonly<Record<string, number>>): void;
  delete(table: string, key: RowValues): void;
  /**
   * Escape hatch for reads and unusual writes: flushes buffered writes first so it sees them.
   * The SQL must scope itself with `tx.orgId` and `tx.generation`.
   */
  query<R extends QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
}

export class BufferedProjectionTx implements ProjectionTx {
  private readonly pending = new Map<string, Map<string, PendingRow>>();

  constructor(
    private readonly client: PoolClient,
    private readonly definition: ProjectionDefinition,
    readonly orgId: string,
    readonly generation: number,
  ) {}

  upsert(table: string, row: RowValues): void {
    const spec = tableOf(this.definition, table);
    const pending = this.rowFor(spec, row);
    for (const [column, value] of Object.entries(row)) {
      if (column in spec.key) continue;
      assertColumn(spec, column);
      pending.set.set(column, value);
      pending.add.delete(column);
    }
  }

  increment(table: string, key: RowValues, deltas: Readonly<Record<string, number>>): void {
    const spec = tableOf(this.definition, table);
    const pending = this.rowFor(spec, key);
    for (const [column, delta] of Object.entries(deltas)) {
      assertColumn(spec, column);
      if (!Number.isFinite(delta)) throw new Error(`increment of ${table}.${column} is not a finite number`);
      const current = pending.set.get(column);
      if (pending.set.has(column)) pending.set.set(column, Number(current ?? 0) + delta);
      else pending.add.set(column, (pending.add.get(column) ?? 0) + delta);
    }
  }

  delete(table: string, key: RowValues): void {
    const spec = tableOf(this.definition, table);
    const pending = this.rowFor(spec, key);
    pending.deleted = true;
    pending.set.clear();
    pending.add.clear();
  }

  async query<R extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    await this.flush();
    const result = await this.client.query<R>(sql, params);
    return result.rows;
  }

  /** Writes everything buffered; the runner calls it before moving the checkpoint. */
  async flush(): Promise<void> {
    for (const [table, rows] of this.pending) {
      if (rows.size === 0) continue;
      await flushTable(this.client, tableOf(this.definition, table), this.orgId, this.generation, [...rows.values()]);
    }
    this.pending.clear();
  }

  private rowFor(spec: OwnedTable, values: RowValues): PendingRow {
    const key = Object.keys(spec.key).map((column) => {
      const value = values[column];
      if (value === undefined || value === null) throw new Error(`${spec.name}: key column ${column} is missing`);
      return value;
    });
    let rows = this.pending.get(spec.name);
    if (!rows) {
      rows = new Map();
      this.pending.set(spec.name, rows);
    }
    const id = JSON.stringify(key);
    let row = rows.get(id);
    if (!row) {
      row = { key, deleted: false, set: new Map(), add: new Map() };
      rows.set(id, row);
    }
    return row;
  }
}

function assertColumn(spec: OwnedTable, column: string): ColumnType {
  const type = spec.columns[column];
  if (!type) throw new Error(`${spec.name} has no column ${column}`);
  return type;
}
