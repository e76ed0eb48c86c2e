import type { Command } from 'commander';
import { resumeOrg, skipFailedEvent } from '@ledger/projections';
import { actorOf, printJson, wantsJson, withProjections } from './projectionsContext';

interface RepairFlags {
  projection: string;
  org: string;
  actor?: string;
  json?: boolean;
}

export function registerProjectionsResume(projections: Command): void {
  projections
    .command('resume')
    .description("Retry a failed org's failing event (after a fix, or a transient cause)")
    .requiredOption('--projection <name>', 'projection name')
    .requiredOption('--org <id>', 'the failed org')
    .option('--actor <id>', 'operator id for the audit event')
    .option('--json', 'JSON lines')
    .action((flags: RepairFlags) =>
      withProjections(async ({ pool, ledger, registry }) => {
        const result = await resumeOrg(
          { pool, ledger },
          registry.get(flags.projection),
          flags.org,
          actorOf(flags.actor),
        );
        if (wantsJson(flags.json))
          printJson({ type: 'resumed', projection: flags.projection, orgId: flags.org, ...result });
        else
          process.stdout.write(
            `${flags.projection} ${flags.org}: resumed; the runner retries seq ${result.retrySeq}\n`,
          );
      }),
    );
}

export function registerProjectionsSkip(projections: Command): void {
  projections
    .command('skip')
    .description("Skip a failed org's failing event; the reason and actor are appended to the ledger")
    .requiredOption('--projection <name>', 'projection name')
    .requiredOption('--org <id>', 'the failed org')
    .requiredOption('--reason <text>', 'why (incident id; no personal data): recorded in the audit trail')
    .option('--seq <n>', 'refuse unless this is the failing sequence number (from `status`)')
    .option('--actor <id>', 'operator id for the audit event')
    .option('--json', 'JSON lines')
    .action((flags: RepairFlags & { reason: string; seq?: string }) =>
      withProjections(async ({ pool, ledger, registry }) => {
        const result = await skipFailedEvent({ pool, ledger }, registry.get(flags.projection), flags.org, {
          actor: actorOf(flags.actor),
          reason: flags.reason,
          expectedSeq: flags.seq === undefined ? undefined : Number(flags.seq),
        });
        if (wantsJson(flags.json))
          printJson({ type: 'skipped', projection: flags.projection, orgId: flags.org, ...result });
        else process.stdout.write(`${flags.projection} ${flags.org}: skipped seq ${result.skippedSeq}; resumed\n`);
      }),
    );
}
