import type { Command } from 'commander';
import { rebuildOrg, rebuildOutdated, type ProjectionRegistry, type RebuildResult } from '@ledger/projections';
import { requireOrg } from '../connection/requireOrg';
import { CliError } from '../errors/cliError';
import { projectionNamed } from './projectionNamed';
import { actorOf, printJson, wantsJson, withProjections } from './projectionsContext';
import { barReporter, jsonReporter } from './projectionsProgress';
import { confirmOrg } from './confirmOrg';

interface RebuildFlags {
  projection?: string;
  org?: string;
  allOutdated?: boolean;
  dryRun?: boolean;
  actor?: string;
  batchSize?: string;
  json?: boolean;
  yes?: boolean;
  maxEps?: string;
}

function summary(result: RebuildResult): string {
  const comparison = result.comparison;
  const verdict = !comparison
    ? 'no comparison'
    : !comparison.comparable
      ? 'live generation was behind (failed): not comparable'
      : comparison.identical
        ? 'checksums identical'
        : `DIFFERENT: ${comparison.differences
            .map(
              (d) =>
                `${d.table} live ${d.liveRows} rows / rebuilt ${d.rebuiltRows}, ${d.onlyInLive} only live, ${d.onlyInRebuilt} only rebuilt`,
            )
            .join('; ')}`;
  return `${result.projection} ${result.orgId}: ${result.outcome} generation ${result.generation}, ${result.eventsApplied} events in ${result.seconds.toFixed(1)} s; ${verdict}`;
}

export function registerProjectionsRebuild(projections: Command, registry: ProjectionRegistry): void {
  projections
    .command('rebuild')
    .description('Rebuild one org (or every outdated org) into a new generation, compare, switch atomically')
    .argument('[projection]', 'projection name (see `projections list`), or --projection')
    .option('--projection <name>', 'projection name')
    .option('--org <id>', 'the org to rebuild')
    .option('--all-outdated', 'every org built by an older version, one by one')
    .option('--dry-run', 'build and compare, then discard; never switch')
    .option('--actor <id>', 'operator id for the audit event (default: LEDGER_ACTOR or the OS user)')
    .option('--batch-size <n>', 'events per transaction', '5000')
    .option('--json', 'JSON lines (the default when stdout is not a terminal)')
    .option('--max-eps <n>', 'cap the rebuild at n events/s, if other orgs suffer while it runs')
    .option('--yes', 'do not ask for confirmation on a terminal')
    .action((positional: string | undefined, flags: RebuildFlags) => runRebuild(registry, positional, flags));
}

async function runRebuild(
  registry: ProjectionRegistry,
  positional: string | undefined,
  flags: RebuildFlags,
): Promise<void> {
  const definition = projectionNamed(registry, positional, flags.projection);
  if (Boolean(flags.org) === Boolean(flags.allOutdated)) {
    throw new CliError('LEDGER_CLI.BAD_ARGUMENT', 'give exactly one of --org or --all-outdated');
  }
  const batchSize = Number(flags.batchSize ?? 5000);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new CliError('LEDGER_CLI.BAD_ARGUMENT', '--batch-size must be a positive integer');
  }
  const maxEps = flags.maxEps === undefined ? undefined : Number(flags.maxEps);
  if (maxEps !== undefined && !(maxEps > 0))
    throw new CliError('LEDGER_CLI.BAD_ARGUMENT', '--max-eps must be a positive number');
  const json = wantsJson(flags.json);
  const interactive = !json && !flags.yes && !flags.dryRun && process.stdin.isTTY === true;
  await withProjections(registry, async ({ pool, ledger }) => {
    // The org is checked before the prompt: nobody should confirm a rebuild of a typo.
    if (flags.org) await requireOrg(ledger, flags.org);
    if (interactive && !(await confirmOrg(flags.org ?? definition.name))) {
      throw new CliError('LEDGER_CLI.BAD_ARGUMENT', 'not confirmed: nothing was changed');
    }
    const controller = new AbortController();
    // Ctrl-C cancels cleanly: the new generation is dropped, the live one stays as it was.
    const cancel = () => controller.abort();
    process.once('SIGINT', cancel);
    process.once('SIGTERM', cancel);
    try {
      const reporter = json ? jsonReporter() : barReporter();
      const options = {
        actor: actorOf(flags.actor),
        dryRun: flags.dryRun ?? false,
        batchSize,
        maxEventsPerSecond: maxEps,
        signal: controller.signal,
        onProgress: reporter.update,
      };
      const print = (result: RebuildResult) => {
        reporter.stop();
        if (json) printJson({ type: 'result', ...result });
        else process.stdout.write(`${summary(result)}\n`);
        if (result.outcome === 'cancelled') process.exitCode = 130;
      };
      const deps = { pool, ledger };
      if (flags.org) print(await rebuildOrg(deps, definition, flags.org, options));
      else await rebuildOutdated(deps, definition, { ...options, onOrgDone: print });
    } finally {
      process.off('SIGINT', cancel);
      process.off('SIGTERM', cancel);
    }
  });
}
