import type { Command } from 'commander';
import { skipFailedEvent, type ProjectionRegistry } from '@ledger/projections';
import { requireOrg } from '../connection/requireOrg';
import { projectionNamed } from './projectionNamed';
import { actorOf, printJson, wantsJson, withProjections } from './projectionsContext';
import type { RepairFlags } from './projectionsResume';

export function registerProjectionsSkip(projections: Command, registry: ProjectionRegistry): void {
  projections
    .command('skip')
    .description("Skip a failed org's failing event; the reason and actor are appended to the ledger")
    .argument('[projection]', 'projection name (or --projection)')
    .option('--projection <name>', 'projection name')
    .requiredOption('--org <id>', 'the failed org')
    .requiredOption('--reason <text>', 'why (an incident id): sealed in the ledger, shown to the audit trail')
    .option('--seq <n>', 'refuse unless this is the failing sequence number (from `status`)')
    .option('--actor <id>', 'operator id for the audit event')
    .option('--json', 'JSON lines')
    .action((positional: string | undefined, flags: RepairFlags & { reason: string; seq?: string }) =>
      withProjections(registry, async ({ pool, ledger, connection }) => {
        const definition = projectionNamed(registry, positional, flags.projection);
        await requireOrg(ledger, flags.org);
        // The reason is free text, sealed under the audit stream's data key: no keys, no skip.
        if (!connection.env.LEDGER_MASTER_KEYS) {
          throw new Error('projections skip seals its reason in the ledger: LEDGER_MASTER_KEYS is needed');
        }
        const result = await skipFailedEvent({ pool, ledger }, definition, flags.org, {
          actor: actorOf(flags.actor),
          reason: flags.reason,
          expectedSeq: flags.seq === undefined ? undefined : Number(flags.seq),
        });
        if (wantsJson(flags.json))
          printJson({ type: 'skipped', projection: definition.name, orgId: flags.org, ...result });
        else process.stdout.write(`${definition.name} ${flags.org}: skipped seq ${result.skippedSeq}; resumed\n`);
      }),
    );
}
