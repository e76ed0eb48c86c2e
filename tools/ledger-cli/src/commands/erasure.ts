import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { carryOutDueErasures, readErasure, type CarriedOutErasure } from '@ledger/audit';
import { erasureCertificateText } from '@ledger/ledger';
import { systemContext } from '@ledger/tenancy';
import { openLedger } from '../connection/openLedger';
import { requireOrg } from '../connection/requireOrg';
import { resolveConnection } from '../connection/resolveConnection';
import { CliError } from '../errors/cliError';
import { erasureDepsOf, signingKeysOf } from './erasureDeps';

interface ApplyDueOptions {
  org?: string;
  allOrgs?: boolean;
  json?: boolean;
}

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `ledger erasure …`: carry out due erasures, and hand an examiner a request's certificates. */
export function registerErasure(program: Command): void {
  const erasure = program
    .command('erasure')
    .description('Right-to-erasure requests: carry out due ones, print certificates');
  erasure
    .command('apply-due')
    .description(
      'Crypto-shred the streams of pending erasure requests whose retention has ended and whose holds were released, ' +
        'one signed certificate per request (as POST /v1/audit/erasures/apply-due does for one org)',
    )
    .option('--org <orgId>', 'the org whose due erasures to carry out')
    .option('--all-orgs', 'every org of the ledger')
    .option('--json', 'JSON lines even on a terminal')
    .action(async (options: ApplyDueOptions) => {
      if ((options.org === undefined) === (options.allOrgs !== true)) {
        throw new CliError('LEDGER_CLI.BAD_ARGUMENT', 'give exactly one of --org <orgId> and --all-orgs');
      }
      const connection = resolveConnection();
      const signingKeys = signingKeysOf(connection.env);
      const json = options.json === true || !process.stdout.isTTY;
      const opened = openLedger(connection);
      const { ledger } = opened;
      const bar = json
        ? null
        : new SingleBar({ format: 'erasures [{bar}] {value}/{total} orgs', fps: 5 }, Presets.shades_classic);
      try {
        if (options.org !== undefined) await requireOrg(ledger, options.org);
        const orgs = options.org !== undefined ? [options.org] : (await ledger.orgSizes()).map((o) => o.orgId);
        const deps = erasureDepsOf(opened, signingKeys);
        bar?.start(orgs.length, 0);
        // On a terminal the lines wait for the bar to finish, so they do not break it.
        const lines: string[] = [];
        for (const [i, orgId] of orgs.entries()) {
          for (const erased of await carryOutDueErasures(deps, orgId, new Date())) {
            const line = reportLine(orgId, erased, json);
            if (json) process.stdout.write(line);
            else lines.push(line);
          }
          if (json) printLine({ type: 'progress', orgs: orgs.length, done: i + 1 });
          bar?.update(i + 1);
        }
        bar?.stop();
        if (json) printLine({ type: 'result', orgs: orgs.length });
        else
          process.stdout.write(
            `${lines.join('')}done: ${lines.length} due erasures carried out in ${orgs.length} orgs\n`,
          );
      } finally {
        bar?.stop();
        await opened.close();
      }
    });
  erasure
    .command('certificates')
    .description(
      "Print an erasure request's signed certificates, one canonical JSON document a line, for ledger-verify",
    )
    .requiredOption('--org <orgId>', 'the org of the request')
    .requiredOption('--request <requestId>', 'the erasure request id')
    .action(async (options: { org: string; request: string }) => {
      if (!REQUEST_ID.test(options.request))
        throw new CliError('LEDGER_CLI.BAD_ARGUMENT', '--request must be a request id (UUID)');
      const opened = openLedger(resolveConnection());
      try {
        await requireOrg(opened.ledger, options.org);
        const ctx = systemContext({ orgId: options.org, role: 'compliance', actor: 'ledger-cli' });
        const state = await readErasure(opened, ctx, options.request).catch(() => {
          throw new CliError('LEDGER_CLI.BAD_ARGUMENT', `org ${options.org} has no erasure request ${options.request}`);
        });
        for (const { certificate } of state.carriedOut)
          process.stdout.write(`${erasureCertificateText(certificate)}\n`);
      } finally {
        await opened.close();
      }
    });
}

export function reportLine(orgId: string, erased: CarriedOutErasure, json: boolean): string {
  const { requestId, certificate } = erased;
  const streams = certificate.streams.map((s) => s.streamId);
  if (json)
    return `${JSON.stringify({ type: 'erased', orgId, requestId, certificateId: certificate.certificateId, streams })}\n`;
  return `erased ${streams.length} streams of request ${requestId} (org ${orgId}), certificate ${certificate.certificateId}\n`;
}

function printLine(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
