import { join } from 'node:path';
import { loadMigrations, type Migration } from '@ledger/ledger';
import type { ProjectionRegistry } from '../definition/projectionRegistry';

export const PROJECTIONS_MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

/** The runner's own tables, then each registered projection's tables, in registry order. */
export async function loadProjectionMigrations(registry: ProjectionRegistry): Promise<Migration[]> {
  const migrations = await loadMigrations(PROJECTIONS_MIGRATIONS_DIR, 'projections');
  for (const definition of registry.list()) {
    if (definition.migrations) {
      migrations.push(...(await loadMigrations(definition.migrations.dir, definition.migrations.namespace)));
    }
  }
  return migrations;
}
