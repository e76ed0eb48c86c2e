import type { Command } from 'commander';
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
      // Projection tables come after the ledger's: the runner reads the ledger's tables.
      const projections = await migrate(url, await loadProjectionMigrations(knownProjections()));
      const report = {
        applied: [...ledger.applied, ...projections.applied],
        alreadyApplied: [...ledger.alreadyApplied, ...projections.alreadyApplied],
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
