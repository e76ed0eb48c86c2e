import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { loadMigrations, type Migration } from '@ledger/ledger';
import { orgRowSecuritySql } from '@ledger/postgres';
import type { ProjectionDefinition } from '../definition/projectionDefinition';
import type { ProjectionRegistry } from '../definition/projectionRegistry';
import { ownedTableSql } from './ownedTableSql';

export const PROJECTIONS_MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

/**
 * A projection's tables, created from its declaration, each under forced row-level security. Repeatable: it runs on every migrate, so a
 * table added to the declaration appears, and a database whose tables came from the former
 * per-service `CREATE TABLE` files (still recorded as applied) is left untouched.
 */
export function projectionTablesMigration(definition: ProjectionDefinition): Migration {
  // Every owned table is keyed by org_id first, so every one is under the org policy.
  const sql = definition.tables.map((table) => `${ownedTableSql(table)}${orgRowSecuritySql(table.name)}`).join('\n');
  return {
    version: `${definition.name}:tables`,
    sql,
    checksum: createHash('sha256').update(sql).digest('hex'),
    repeatable: true,
  };
}

/**
 * The runner's own tables, then each registered projection's tables and its further migrations
 * (each namespace once), in registry order.
 */
export async function loadProjectionMigrations(registry: ProjectionRegistry): Promise<Migration[]> {
  const migrations = await loadMigrations(PROJECTIONS_MIGRATIONS_DIR, 'projections');
  const loaded = new Set<string>();
  for (const definition of registry.list()) {
    migrations.push(projectionTablesMigration(definition));
    // Several projections of one service may share one migrations folder.
    if (definition.migrations && !loaded.has(definition.migrations.namespace)) {
      loaded.add(definition.migrations.namespace);
      migrations.push(...(await loadMigrations(definition.migrations.dir, definition.migrations.namespace)));
    }
  }
  return migrations;
}
