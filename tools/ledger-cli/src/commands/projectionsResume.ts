import type { Command } from 'commander';
import { resumeOrg, type ProjectionRegistry } from '@ledger/projections';
import { requireOrg } from '../connection/requireOrg';
import { projectionNamed } from './projectionNamed';
import { actorOf, printJson, wantsJson, withProjections } from './projectionsContext';

export interface RepairFlags {
  projection?: string;
  org: string;
  actor?: string;
  json?: boolean;
}

export function registerProjectionsResume(projections: Command, registry: ProjectionRegistry): void {
  projections
    .command('resume')
    .description("Retry a failed org's failing event (after a fix, or a transient cause)")
    .argument('[projection]', 'projection name (or --projection)')
    .option('--projection <name>', 'projection name')
    .requiredOption('--org <id>', 'the failed org')
    .option('--actor <id>', 'operator id for the audit event')
    .option('--json', 'JSON lines')
    .action((positional: string | undefined, flags: RepairFlags) =>
      withProjections(registry, async ({ pool, ledger }) => {
        const definition = projectionNamed(registry, positional, flags.projection);
        await requireOrg(ledger, flags.org);
        const result = await resumeOrg({ pool, ledger }, definition, flags.org, actorOf(flags.actor));
        if (wantsJson(flags.json))
          printJson({ type: 'resumed', projection: definition.name, orgId: flags.org, ...result });
        else
          process.stdout.write(`${definition.name} ${flags.org}: resumed; the runner retries seq ${result.retrySeq}\n`);
      }),
    );
}
