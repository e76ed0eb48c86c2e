import type { Command } from 'commander';
import { migrateServices, type ServiceDescriptor } from '@ledger/host';
import { resolveConnection } from '../connection/resolveConnection';

export function registerMigrate(program: Command, services: readonly ServiceDescriptor[]): void {
  program
    .command('migrate')
    .description(
      "Apply pending migrations and each service's role and grants (idempotent; concurrent deployers are serialised)",
    )
    .option('--json', 'print the report as one JSON line')
    .action(async (options: { json?: boolean }) => {
      const url = resolveConnection().databaseUrl;
      // The ledger, the bus, each service's tables, then each service's generated role and grants.
      const { applied, alreadyApplied } = await migrateServices(url, services);
      const report = { applied, alreadyApplied };
      if (options.json) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
      } else {
        process.stdout.write(
          `applied: ${report.applied.join(', ') || 'none'}; already applied: ${report.alreadyApplied.length}\n`,
        );
      }
    });
}
