import { join } from 'node:path';
import { loadMigrations, type Migration } from '@ledger/ledger';

export const BUS_MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

/** The bus's own tables (the relay checkpoints), applied with `migrate(url, ...)` from @ledger/ledger. */
export function loadBusMigrations(): Promise<Migration[]> {
  return loadMigrations(BUS_MIGRATIONS_DIR, 'bus');
}
