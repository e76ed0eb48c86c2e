import { join } from 'node:path';
import { loadBusMigrations } from '@ledger/bus';
import { loadMigrations, migrate } from '@ledger/ledger';
import { PROJECTIONS_MIGRATIONS_DIR } from '@ledger/projections';
import { SERVICES } from '../services';

/**
 * The per-service migration files (read-model tables, role, inbox) and the bus's relay grant as
 * they were before their SQL was generated from declarations.
 */
export const LEGACY_MIGRATIONS = join(__dirname, 'legacy-migrations');

/** The namespaces those files were recorded under, where it was not the service's name. */
const LEGACY_NAMESPACES: Readonly<Record<string, string>> = { 'meeting-prep': 'meeting_prep' };

/** A database as the per-service migration files left it: ledger, bus, runner, each service's tables, role and inbox. */
export async function migrateWithLegacyFiles(url: string): Promise<void> {
  await migrate(url);
  await migrate(url, [
    ...(await loadBusMigrations()),
    ...(await loadMigrations(join(LEGACY_MIGRATIONS, 'bus'), 'bus')),
  ]);
  await migrate(url, await loadMigrations(PROJECTIONS_MIGRATIONS_DIR, 'projections'));
  for (const service of SERVICES) {
    const namespace = LEGACY_NAMESPACES[service.name] ?? service.name;
    await migrate(url, await loadMigrations(join(LEGACY_MIGRATIONS, service.name), namespace));
  }
}
