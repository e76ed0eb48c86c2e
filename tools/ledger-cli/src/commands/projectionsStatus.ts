import type { Command } from 'commander';
import { projectionStatus, type OrgStatus, type ProjectionRegistry } from '@ledger/projections';
import { requireOrg } from '../connection/requireOrg';
import { projectionNameOf, requireProjection } from './projectionNamed';
import { printJson, wantsJson, withProjections } from './projectionsContext';

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

interface StatusFlags {
  org?: string;
  projection?: string;
  json?: boolean;
}

export function registerProjectionsStatus(projections: Command, registry: ProjectionRegistry): void {
  projections
    .command('status')
    .description('Per org: status, generation, checkpoint vs head, failure, running rebuild')
    .argument('[projection]', 'only this projection (same as --projection)')
    .option('--org <id>', 'only this org')
    .option('--projection <name>', 'only this projection')
    .option('--json', 'JSON lines')
    .action((positional: string | undefined, options: StatusFlags) =>
      withProjections(registry, async ({ pool, ledger }) => {
        const name = projectionNameOf(positional, options.projection);
        const definitions = name === undefined ? registry.list() : [requireProjection(registry, name)];
        if (options.org !== undefined) await requireOrg(ledger, options.org);
        for (const definition of definitions) {
          for (const status of await projectionStatus(pool, definition, options.org)) {
            if (wantsJson(options.json)) printJson(status);
            else process.stdout.write(`${describe(status)}\n`);
          }
        }
      }),
    );
}
