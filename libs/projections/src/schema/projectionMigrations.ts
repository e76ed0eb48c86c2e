import { join } from 'node:path';
import { loadMigrations, type Migration } from '@ledger/ledger';
import type { ProjectionRegistry } from '../definition/projectionRegistry';

export const PROJECTIONS_MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

/** The runner's own tables, then each registered projection's tables (each namespace once), in registry order. */
export async function loadProjectionMigrations(registry: ProjectionRegistry): Promise<Migration[]> {
  const migrations = await loadMigrations(PROJECTIONS_MIGRATIONS_DIR, 'projections');
  const loaded = new Set<string>();
  for (const definition of registry.list()) {
    // Several projections of one service may share one migrations folder.
    if (definition.migrations && !loaded.has(definition.migrations.namespace)) {
      loaded.add(definition.migrations.namespace);
      migrations.push(...(await loadMigrations(definition.migrations.dir, definition.migrations.namespace)));
    }
  }
  return migrations;
}
