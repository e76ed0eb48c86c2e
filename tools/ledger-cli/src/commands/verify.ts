import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import {
  loadTrustedKeys,
  verifyOrg,
  type VerificationFinding,
  type VerificationProgress,
  type VerificationReport,
} from '@ledger/ledger';
import { openLedger } from '../connection/openLedger';
import { requireFile } from '../connection/requireFile';
import { requireOrg } from '../connection/requireOrg';
import { resolveConnection } from '../connection/resolveConnection';
import { CliError } from '../errors/cliError';

interface VerifyOptions {
  org: string;
  keys?: string;
  json?: boolean;
  batchSize: string;
}

/** A failed verification: main() prints the code and exits non-zero. */
class VerificationFailed extends Error {
  readonly code = 'LEDGER.VERIFICATION_FAILED';
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description("Re-hash an org's events and check them against its Merkle tree and signed tree heads")
    .requiredOption('--org <orgId>', 'the org to verify')
    .option(
      '--keys <file>',
      'trusted keys: exported public keys or a signing-key file such as .data/signing-keys.json (JSON); ' +
        "default LEDGER_SIGNING_PUBLIC_KEYS, else LEDGER_SIGNING_KEYS, else the local stack's key file",
    )
    .option('--json', 'JSON lines even on a terminal')
    .option('--batch-size <n>', 'rows read per query', '1000')
    .action(async (options: VerifyOptions) => {
      if (options.keys !== undefined) requireFile('--keys', options.keys);
      const batchSize = Number(options.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1) {
        throw new CliError('LEDGER_CLI.BAD_ARGUMENT', '--batch-size must be a positive integer');
      }
      const connection = resolveConnection();
      const publicKeys = await loadTrustedKeys(options.keys, connection.env);
      const json = options.json === true || !process.stdout.isTTY;
      const opened = openLedger(connection);
      const { pool } = opened;
      let report: VerificationReport;
      let progress: Progress | undefined;
      try {
        // An org without events would verify trivially: a mistyped org must not read as a pass.
        await requireOrg(opened.ledger, options.org);
        progress = json ? jsonProgress() : barProgress();
        report = await verifyOrg({
          pool,
          orgId: options.org,
          publicKeys,
          batchSize,
          onProgress: progress.update,
        });
      } finally {
        progress?.stop();
        await opened.close();
      }
      if (json) printJsonReport(report);
      else printHumanReport(report);
      if (!report.ok) throw new VerificationFailed(`org ${report.orgId} failed verification`);
    });
}

interface Progress {
  update(progress: VerificationProgress): void;
  stop(): void;
}

function barProgress(): Progress {
  const bar = new SingleBar(
    { format: '{org} [{bar}] {percentage}% | {value}/{total} events', fps: 5 },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(progress) {
      const total = Math.max(progress.total, progress.verified);
      if (!started) bar.start(total, 0, { org: progress.orgId });
      started = true;
      bar.setTotal(total);
      bar.update(progress.verified, { org: progress.orgId });
    },
    stop: () => bar.stop(),
  };
}

/** At most one progress line a second, so a log shipper is not flooded. */
function jsonProgress(intervalMs = 1000): Progress {
  let lastAt = 0;
  return {
    update(progress) {
      if (Date.now() - lastAt < intervalMs) return;
      lastAt = Date.now();
      printLine({ type: 'progress', ...progress });
    },
    stop: () => undefined,
  };
}

function printJsonReport(report: VerificationReport): void {
  for (const finding of report.findings) printLine({ type: 'finding', orgId: report.orgId, ...finding });
  const { findings, ...summary } = report;
  printLine({ type: 'result', ...summary, findings: findings.length });
}

function printHumanReport(report: VerificationReport): void {
  for (const finding of report.findings) process.stdout.write(`FAIL ${describe(finding)}\n`);
  const verdict = report.ok ? 'PASS' : 'FAIL';
  process.stdout.write(
    `${verdict}: org ${report.orgId}, ${report.events} events, ${report.treeHeads} tree heads, ` +
      `${report.findings.length} findings${report.truncated ? ' (truncated)' : ''}\n`,
  );
}

function describe(finding: VerificationFinding): string {
  const where =
    finding.orgSeq === undefined
      ? `tree head of size ${finding.treeSize}`
      : `org_seq ${finding.orgSeq}${finding.otherOrgSeq === undefined ? '' : ` and ${finding.otherOrgSeq}`}`;
  return `${finding.kind} at ${where}: ${finding.reason}`;
}

function printLine(value: object): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
