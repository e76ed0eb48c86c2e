import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';

export const LEDGER_MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');
/** Serialises deployers across processes and machines: only one applies migrations at a time. */
const MIGRATION_LOCK_KEY = 7_301_962_001;

export interface Migration {
  version: string;
  sql: string;
  checksum: string;
  /**
   * Applied on every run and never recorded: idempotent SQL generated from what the code declares
   * (a service's role and grants), so the database follows the declaration as it changes.
   */
  repeatable?: boolean;
}

/** Versions are `<namespace>:<file>` so that each library and service can ship its own. */
export async function loadMigrations(dir = LEDGER_MIGRATIONS_DIR, namespace = 'ledger'): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  return Promise.all(
    files.map(async (name) => {
      const sql = await readFile(join(dir, name), 'utf8');
      return {
        version: `${namespace}:${name.replace(/\.sql$/, '')}`,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    }),
  );
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
  /** Repeatable migrations, applied again. */
  repeated: string[];
}

/**
 * Applies pending migrations, each in its own transaction, under a session advisory lock.
 * Idempotent: applied versions are skipped; a changed applied migration is an error, since
 * the database no longer matches what its history says. A recorded version no longer among
 * `migrations` (a file replaced by generated SQL) is left as history. Repeatable migrations run
 * every time, unrecorded.
 */
export async function migrate(databaseUrl: string, migrations?: Migration[]): Promise<MigrationReport> {
  const pending = migrations ?? (await loadMigrations());
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS ledger_schema_migrations (
      version text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: string; checksum: string }>(
      'SELECT version, checksum FROM ledger_schema_migrations',
    );
    const done = new Map(rows.map((row) => [row.version, row.checksum]));
    const report: MigrationReport = { applied: [], alreadyApplied: [], repeated: [] };
    for (const migration of pending) {
      if (migration.repeatable) {
        await applyOne(client, migration);
        report.repeated.push(migration.version);
        continue;
      }
      const checksum = done.get(migration.version);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(`migration ${migration.version} was changed after it was applied`);
        }
        report.alreadyApplied.push(migration.version);
        continue;
      }
      await applyOne(client, migration);
      report.applied.push(migration.version);
    }
    return report;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

async function applyOne(client: Client, migration: Migration): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    if (!migration.repeatable) {
      await client.query('INSERT INTO ledger_schema_migrations (version, checksum) VALUES ($1, $2)', [
        migration.version,
        migration.checksum,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
