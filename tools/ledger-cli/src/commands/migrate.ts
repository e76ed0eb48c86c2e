import type { Command } from 'commander';
import { migrate } from '@ledger/ledger';
import { requireDatabaseUrl } from '../databaseUrl';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending migrations (idempotent; concurrent deployers are serialised)')
    .option('--json', 'print the report as one JSON line')
    .action(async (options: { json?: boolean }) => {
      const report = await migrate(requireDatabaseUrl());
      if (options.json) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
      } else {
        process.stdout.write(
          `applied: ${report.applied.join(', ') || 'none'}; already applied: ${report.alreadyApplied.length}\n`,
        );
      }
    });
}
