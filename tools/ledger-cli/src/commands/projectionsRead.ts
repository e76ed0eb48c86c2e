import type { Command } from 'commander';
import { projectionStatus, type OrgStatus } from '@ledger/projections';
import { printJson, wantsJson, withProjections } from './projectionsContext';

export function registerProjectionsList(projections: Command): void {
  projections
    .command('list')
    .description('List the registered projections, their version, tables and org counts by status')
    .option('--json', 'JSON lines')
    .action((options: { json?: boolean }) =>
      withProjections(async ({ pool, registry }) => {
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

function describe(status: OrgStatus): string {
  const parts = [
    `${status.projection} ${status.orgId}: ${status.status}`,
    `v${status.version ?? '-'}${status.outdated ? ' (outdated)' : ''}`,
    `generation ${status.activeGeneration ?? '-'}`,
    `at ${status.checkpoint}/${status.head}, lag ${status.lagEvents}`,
  ];
  if (status.failure) {
    parts.push(
      `failed at seq ${status.failure.seq} (${status.failure.eventType}, event ${status.failure.eventId}): ${status.failure.error}`,
    );
  }
  if (status.rebuild) {
    parts.push(`rebuilding generation ${status.rebuild.generation}: ${status.rebuild.done}/${status.rebuild.total}`);
  }
  return parts.join('  ');
}

export function registerProjectionsStatus(projections: Command): void {
  projections
    .command('status')
    .description('Per org: status, generation, checkpoint vs head, failure, running rebuild')
    .option('--org <id>', 'only this org')
    .option('--projection <name>', 'only this projection')
    .option('--json', 'JSON lines')
    .action((options: { org?: string; projection?: string; json?: boolean }) =>
      withProjections(async ({ pool, registry }) => {
        const definitions = options.projection ? [registry.get(options.projection)] : registry.list();
        for (const definition of definitions) {
          for (const status of await projectionStatus(pool, definition, options.org)) {
            if (wantsJson(options.json)) printJson(status);
            else process.stdout.write(`${describe(status)}\n`);
          }
        }
      }),
    );
}
