import type { Command } from 'commander';
import { loadBusMigrations } from '@ledger/bus';
import { migrate } from '@ledger/ledger';
import { loadProjectionMigrations, type ProjectionRegistry } from '@ledger/projections';
import { resolveConnection } from '../connection/resolveConnection';

export function registerMigrate(program: Command, registry: ProjectionRegistry): void {
  program
    .command('migrate')
    .description('Apply pending migrations (idempotent; concurrent deployers are serialised)')
    .option('--json', 'print the report as one JSON line')
    .action(async (options: { json?: boolean }) => {
      const url = resolveConnection().databaseUrl;
      const ledger = await migrate(url);
      // The relay's checkpoints before the services' tables: a service's role migration grants
      // its relay the checkpoint table only when that table already exists.
      const bus = await migrate(url, await loadBusMigrations());
      // Projection tables come after the ledger's: the runner reads the ledger's tables.
      const projections = await migrate(url, await loadProjectionMigrations(registry));
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
