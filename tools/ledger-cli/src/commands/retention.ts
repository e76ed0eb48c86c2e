import type { Command } from 'commander';
import { RetentionSweeper, RetentionSweepMetrics, type Clock, type SweepResult } from '@ledger/ledger';
import { carryOutDueErasures } from '@ledger/audit';
import { openLedger, type OpenLedger } from '../connection/openLedger';
import { resolveConnection } from '../connection/resolveConnection';
import { requireOrg } from '../connection/requireOrg';
import { CliError } from '../errors/cliError';
import { reportLine } from './erasure';
import { erasureDepsOf, signingKeysOf } from './erasureDeps';
import { actorOf, printJson, wantsJson } from './projectionsContext';
import { sweepBarReporter, sweepJsonReporter } from './retentionBar';

interface OrgFlags {
  org?: string;
  allOrgs?: boolean;
  json?: boolean;
}

interface ApplyFlags extends OrgFlags {
  actor?: string;
  batchSize?: string;
}

/** `ledger retention plan|apply`: the retention sweeper on the on-call's terminal (docs/compliance.md). */
export function registerRetention(program: Command, clock?: Clock): void {
  const retention = program
    .command('retention')
    .description('Retention sweeps: crypto-shred personal data past its retention class, never while held');
  retention
    .command('plan')
    .description('Dry run: the streams a sweep would shred now, and those held, per category; writes nothing')
    .option('--org <id>', 'the org to plan for')
    .option('--all-orgs', 'every org with a retention class')
    .option('--json', 'JSON lines (the default when stdout is not a terminal)')
    .action((flags: OrgFlags) => runPlan(flags, clock));
  retention
    .command('apply')
    .description(
      'Shred what is due and not held, in batches, then carry out the due erasure requests; resumable (run it again) and idempotent',
    )
    .option('--org <id>', 'the org to sweep')
    .option('--all-orgs', 'every org with a retention class, one after the other')
    .option('--actor <id>', 'operator id for the shred events (default: LEDGER_ACTOR or the OS user)')
    .option('--batch-size <n>', 'streams per transaction (1 to 1000)', '200')
    .option('--json', 'JSON lines (the default when stdout is not a terminal)')
    .action((flags: ApplyFlags) => runApply(flags, clock));
}

async function withSweeper<T>(
  clock: Clock | undefined,
  work: (sweeper: RetentionSweeper, orgs: (flags: OrgFlags) => Promise<string[]>, opened: OpenLedger) => Promise<T>,
): Promise<T> {
  const opened = openLedger();
  try {
    const sweeper = new RetentionSweeper({
      pool: opened.pool,
      ledger: opened.ledger,
      clock,
      metrics: new RetentionSweepMetrics(),
    });
    const orgs = async (flags: OrgFlags) => {
      if (Boolean(flags.org) === Boolean(flags.allOrgs)) {
        throw new CliError('LEDGER_CLI.BAD_ARGUMENT', 'give exactly one of --org or --all-orgs');
      }
      if (flags.org) {
        await requireOrg(opened.ledger, flags.org);
        return [flags.org];
      }
      return sweeper.orgsWithClasses();
    };
    return await work(sweeper, orgs, opened);
  } finally {
    await opened.close();
  }
}

async function runPlan(flags: OrgFlags, clock: Clock | undefined): Promise<void> {
  const json = wantsJson(flags.json);
  await withSweeper(clock, async (sweeper, orgs) => {
    for (const orgId of await orgs(flags)) {
      const plan = await sweeper.plan(orgId);
      if (json) {
        printJson({ type: 'plan', ...plan });
        continue;
      }
      process.stdout.write(`${orgId} at ${plan.at}: ${plan.due} streams to shred, ${plan.held} held\n`);
      for (const c of plan.categories) {
        process.stdout.write(
          `  ${c.category} (${c.regulation}, ${c.durationMonths} months): ${c.due} to shred, ${c.held} held\n`,
        );
      }
    }
  });
}

async function runApply(flags: ApplyFlags, clock: Clock | undefined): Promise<void> {
  const batchSize = Number(flags.batchSize ?? 200);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) {
    throw new CliError('LEDGER_CLI.BAD_ARGUMENT', '--batch-size must be an integer from 1 to 1000');
  }
  const json = wantsJson(flags.json);
  const actor = actorOf(flags.actor);
  await withSweeper(clock, async (sweeper, orgs, opened) => {
    const orgIds = await orgs(flags);
    // Erasures refused under retention come due with it: the sweep carries them out, signed like apply-due.
    const erasureDeps = erasureDepsOf(opened, signingKeysOf(resolveConnection().env), clock);
    const controller = new AbortController();
    // Ctrl-C stops after the batch in flight: what was shredded is recorded, the rest stays due.
    const cancel = () => controller.abort();
    process.once('SIGINT', cancel);
    process.once('SIGTERM', cancel);
    try {
      for (const orgId of orgIds) {
        if (controller.signal.aborted) break;
        const reporter = json ? sweepJsonReporter() : sweepBarReporter();
        let result: SweepResult;
        try {
          result = await sweeper.apply(orgId, {
            actor,
            batchSize,
            signal: controller.signal,
            onProgress: reporter.update,
          });
        } finally {
          reporter.stop();
        }
        if (json) printJson({ type: 'result', ...result });
        else {
          process.stdout.write(
            `${orgId}: ${result.outcome}, ${result.shredded} shredded, ${result.held} held, ` +
              `${result.done}/${result.total} streams in ${result.seconds.toFixed(1)} s (sweep ${result.sweepId})\n`,
          );
        }
        if (result.outcome === 'cancelled') {
          process.exitCode = 130;
          break;
        }
        const now = clock?.now() ?? new Date();
        const erased = await carryOutDueErasures(erasureDeps, orgId, now, { actor });
        for (const done of erased) process.stdout.write(reportLine(orgId, done, json));
        if (!json) process.stdout.write(`${orgId}: ${erased.length} due erasures carried out\n`);
      }
    } finally {
      process.off('SIGINT', cancel);
      process.off('SIGTERM', cancel);
    }
  });
}
