import type { Command } from 'commander';
import { loadBusMigrations } from '@ledger/bus';
import { migrate } from '@ledger/ledger';
import { loadProjectionMigrations } from '@ledger/projections';
import { knownProjections } from './knownProjections';
import { requireDatabaseUrl } from '../databaseUrl';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending migrations (idempotent; concurrent deployers are serialised)')
    .option('--json', 'print the report as one JSON line')
    .action(async (options: { json?: boolean }) => {
      const url = requireDatabaseUrl();
      const ledger = await migrate(url);
      // The relay's checkpoints before the services' tables: a service's role migration grants
      // its relay the checkpoint table only when that table already exists.
      const bus = await migrate(url, await loadBusMigrations());
      // Projection tables come after the ledger's: the runner reads the ledger's tables.
      const projections = await migrate(url, await loadProjectionMigrations(knownProjections()));
      const reports = [ledger, bus, projections];
      const report = {
        applied: reports.flatMap((r) => r.applied),
        alreadyApplied: reports.flatMap((r) => r.alreadyApplied),
      };
      if (options.json) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
      } else {
        process.stdout.write(
          `applied: ${report.applied.join(', ') || 'none'}; already applied: ${report.alreadyApplied.length}\n`,
        );
      }
    });
}
