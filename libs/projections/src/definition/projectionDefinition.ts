import type { EventMetadata, JsonObject } from '@ledger/ledger';
import type { ProjectionTx } from '../write/projectionTx';

/** PostgreSQL types a projection column may have; used to cast batched writes and to checksum. */
export type ColumnType = 'text' | 'bigint' | 'integer' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'jsonb';

/** A column default: a literal only, so that the declaration stays data and the DDL stays generated. */
export type ColumnDefault = boolean | number | string;

/** A secondary index. Its columns follow (org_id, generation): every read is of one org's one generation. */
export interface TableIndex {
  /** Prefixed like the table, e.g. `audit_trail_by_actor`. */
  name: string;
  columns: readonly string[];
  /** A partial index's predicate over the table's columns, e.g. `status = 'current'`. */
  where?: string;
}

/**
 * A table the projection owns, declared once: the runner casts and checksums by these types,
 * and the projection migration step creates the table from it (`ownedTableSql`). Every owned
 * table also has `org_id text` and `generation bigint` as the first columns of its primary key:
 * the runner scopes every write to one (org, generation), which is what makes per-org rebuilds
 * possible.
 */
export interface OwnedTable {
  /** Prefixed with the owning service's prefix, e.g. `claims_by_client`. */
  name: string;
  /** Key columns after (org_id, generation), in primary-key order; never null. */
  key: Readonly<Record<string, ColumnType>>;
  /** Non-key columns, in table order; nullable unless named in `notNull`. */
  columns: Readonly<Record<string, ColumnType>>;
  /**
   * Non-key columns that may not be null. A column that later events update partly (an
   * increment, a status) stays nullable unless it has a default: PostgreSQL checks NOT NULL on
   * the row an upsert would insert, before it finds the conflicting row.
   */
  notNull?: readonly string[];
  /** Defaults of non-key columns: what an increment starts from, what a flag is until set. */
  defaults?: Readonly<Record<string, ColumnDefault>>;
  indexes?: readonly TableIndex[];
}

/** What a handler sees of an event: its order, identity and clear payload, never personal data. */
export interface ProjectionEvent {
  orgId: string;
  orgSeq: number;
  eventId: string;
  streamId: string;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  /** Who caused it (ids only) and the request's correlation and trace ids. */
  metadata: EventMetadata;
  recordedAt: string;
}

export type ProjectionHandler = (event: ProjectionEvent, tx: ProjectionTx) => void | Promise<void>;

export interface ProjectionDefinition {
  name: string;
  /** Raise it when handlers change what they write: every org is then rebuilt, one by one. */
  version: number;
  /** Table prefix of the owning service; every owned table name must start with it. */
  prefix: string;
  tables: readonly OwnedTable[];
  /** Event types without a handler are skipped (their checkpoint still advances). */
  handlers: Readonly<Record<string, ProjectionHandler>>;
  /**
   * SQL of the projection beyond its tables (functions, grants), applied under `namespace` after
   * the tables, which the migration step creates from `tables`.
   */
  migrations?: { dir: string; namespace: string };
}

const NAME = /^[a-z][a-z0-9_.-]{0,62}$/;
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Rejects definitions that would let a projection write outside its prefix or inject SQL. */
export function validateDefinition(definition: ProjectionDefinition): ProjectionDefinition {
  const fail = (rule: string) => {
    throw new Error(`projection ${JSON.stringify(definition.name)}: ${rule}`);
  };
  if (!NAME.test(definition.name)) fail('name must be lower-case letters, digits, _ . -');
  if (!Number.isInteger(definition.version) || definition.version < 1) fail('version must be a positive integer');
  if (!IDENTIFIER.test(definition.prefix) || !definition.prefix.endsWith('_')) fail('prefix must look like `svc_`');
  if (definition.tables.length === 0) fail('must own at least one table');
  for (const table of definition.tables) {
    const problem = tableProblem(table, definition.prefix);
    if (problem) fail(problem);
  }
  return definition;
}

/** What makes a table unfit for generated SQL or for the runner, or undefined. */
function tableProblem(table: OwnedTable, prefix: string): string | undefined {
  if (!IDENTIFIER.test(table.name)) return `table ${table.name} is not a plain identifier`;
  if (!table.name.startsWith(prefix)) return `table ${table.name} lacks prefix ${prefix}`;
  if (Object.keys(table.key).length === 0) return `table ${table.name} needs at least one key column`;
  const keys = Object.keys(table.key);
  const columns = Object.keys(table.columns);
  for (const column of [...keys, ...columns]) {
    if (
      !IDENTIFIER.test(column) ||
      column === 'org_id' ||
      column === 'generation' ||
      (columns.includes(column) && keys.includes(column))
    ) {
      return `table ${table.name}: bad column ${column}`;
    }
  }
  for (const column of [...(table.notNull ?? []), ...Object.keys(table.defaults ?? {})]) {
    if (!columns.includes(column))
      return `table ${table.name}: notNull or default names ${column}, not a non-key column`;
  }
  for (const value of Object.values(table.defaults ?? {})) {
    if (typeof value === 'number' && !Number.isFinite(value))
      return `table ${table.name}: default ${value} is not finite`;
  }
  const all = [...keys, ...columns];
  for (const index of table.indexes ?? []) {
    if (!IDENTIFIER.test(index.name) || !index.name.startsWith(prefix))
      return `index ${index.name} lacks prefix ${prefix}`;
    if (index.columns.length === 0) return `index ${index.name} needs at least one column`;
    const unknown = index.columns.find((column) => !all.includes(column));
    if (unknown !== undefined) return `index ${index.name}: unknown column ${unknown}`;
    // The predicate is code, not input; this only keeps it one expression inside one statement.
    if (index.where !== undefined && /;|--|\/\*/.test(index.where))
      return `index ${index.name}: where must be one expression`;
  }
  return undefined;
}

export function tableOf(definition: ProjectionDefinition, name: string): OwnedTable {
  const table = definition.tables.find((candidate) => candidate.name === name);
  if (!table) throw new Error(`projection ${definition.name} does not own table ${name}`);
  return table;
}
