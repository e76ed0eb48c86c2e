import type { Command } from 'commander';
import { projectionStatus, type OrgStatus, type ProjectionRegistry } from '@ledger/projections';
import { printJson, wantsJson, withProjections } from './projectionsContext';

export function registerProjectionsList(projections: Command, registry: ProjectionRegistry): void {
  projections
    .command('list')
    .description('List the projections the services run, their version, tables and org counts by status')
    .option('--json', 'JSON lines')
    .action((options: { json?: boolean }) =>
      withProjections(registry, async ({ pool }) => {
        for (const definition of registry.list()) {
          const orgs = await projectionStatus(pool, definition);
          const count = (status: OrgStatus['status']) => orgs.filter((org) => org.status === status).length;
          const line = {
            projection: definition.name,
            version: definition.version,
            tables: definition.tables.map((table) => table.name),
            orgs: { running: count('running'), failed: count('failed'), new: count('new') },
            outdatedOrgs: orgs.filter((org) => org.outdated).length,
          };
          if (wantsJson(options.json)) printJson(line);
          else {
            process.stdout.write(
              `${line.projection} v${line.version}  tables: ${line.tables.join(', ')}  orgs: ${line.orgs.running} running, ` +
                `${line.orgs.failed} failed, ${line.orgs.new} new, ${line.outdatedOrgs} outdated\n`,
            );
          }
        }
      }),
    );
}
