/**
 * `npm run drill:restore [-- --quick] [--events N] [--orgs N] [--pg-bin DIR] [--out DIR] [--json]`:
 * the backup and point-in-time restore drill (runbooks/restore.md). Writes
 * outputs/readiness/restore-drill.json and exits 1 on FAIL.
 */
import { cpus, totalmem } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { drillProgress } from './drillProgress';
import { READINESS_DIR, writeReadiness } from './readinessReport';
import { RESTORE_TARGETS, runRestoreDrill } from './restoreDrill';

const QUICK_EVENTS = 20_000;
const FULL_EVENTS = 1_000_000;

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

interface Options {
  quick?: boolean;
  events?: number;
  orgs: number;
  pgBin?: string;
  out: string;
  json?: boolean;
}

async function main(argv: string[]): Promise<void> {
  const options = new Command('drill:restore')
    .description(
      'Base backup, WAL archiving and point-in-time restore into a fresh server, then the checks a restore must pass',
    )
    .option('--quick', `a small workload (${QUICK_EVENTS} events), for CI`)
    .option('--events <n>', `events in the workload (default ${FULL_EVENTS})`, positiveInteger)
    .option('--orgs <n>', 'orgs the workload spreads over', positiveInteger, 4)
    .option('--pg-bin <dir>', 'PostgreSQL binaries (e.g. /usr/lib/postgresql/15/bin); default the embedded ones')
    .option('--out <dir>', 'where the result is written', READINESS_DIR)
    .option('--json', 'JSON lines even on a terminal')
    .parse(argv)
    .opts<Options>();
  const events = options.events ?? (options.quick ? QUICK_EVENTS : FULL_EVENTS);
  const progress = drillProgress(options.json === true || !process.stderr.isTTY);
  const result = await runRestoreDrill({ events, orgs: options.orgs, pgBin: options.pgBin, progress });
  const path = await writeReadiness(
    {
      name: 'restore-drill',
      command: ['npm run drill:restore --', ...argv.slice(2)].join(' ').trim(),
      date: new Date().toISOString(),
      result: result.pass ? 'PASS' : 'FAIL',
      targets: {
        rto_seconds: RESTORE_TARGETS.rtoSeconds,
        acknowledged_before_target_missing: 0,
        written_after_target_present: 0,
      },
      figures: result.figures,
      checks: result.checks,
      failures: result.failures,
      machine: { cores: cpus().length, memory_gb: Math.round(totalmem() / 2 ** 30) },
    },
    options.out,
  );
  process.stdout.write(
    `${JSON.stringify({ type: 'result', result: result.pass ? 'PASS' : 'FAIL', path, ...result.figures })}\n`,
  );
  if (!result.pass) process.exitCode = 1;
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`restore drill failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
