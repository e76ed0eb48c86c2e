import type { EventMetadata, JsonObject } from '@ledger/ledger';
import type { ProjectionTx } from '../write/projectionTx';

/** PostgreSQL types a projection column may have; used to cast batched writes and to checksum. */
export type ColumnType = 'text' | 'bigint' | 'integer' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'jsonb';

/**
 * A table the projection owns. Every owned table also has `org_id text` and
 * `generation bigint` as the first columns of its primary key: the runner scopes every
 * write to one (org, generation), which is what makes per-org rebuilds possible.
 */
export interface OwnedTable {
  /** Prefixed with the owning service's prefix, e.g. `claims_by_client`. */
  name: string;
  /** Key columns after (org_id, generation), in primary-key order. */
  key: Readonly<Record<string, ColumnType>>;
  /** Non-key columns. */
  columns: Readonly<Record<string, ColumnType>>;
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
  /** The projection's own migrations (its tables), applied under `namespace`. */
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
    if (!IDENTIFIER.test(table.name)) fail(`table ${table.name} is not a plain identifier`);
    if (!table.name.startsWith(definition.prefix)) fail(`table ${table.name} lacks prefix ${definition.prefix}`);
    if (Object.keys(table.key).length === 0) fail(`table ${table.name} needs at least one key column`);
    for (const column of [...Object.keys(table.key), ...Object.keys(table.columns)]) {
      if (!IDENTIFIER.test(column) || column === 'org_id' || column === 'generation') {
        fail(`table ${table.name}: bad column ${column}`);
      }
    }
  }
  return definition;
}

export function tableOf(definition: ProjectionDefinition, name: string): OwnedTable {
  const table = definition.tables.find((candidate) => candidate.name === name);
  if (!table) throw new Error(`projection ${definition.name} does not own table ${name}`);
  return table;
}
