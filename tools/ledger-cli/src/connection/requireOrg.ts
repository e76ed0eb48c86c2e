import type { Ledger } from '@ledger/ledger';
import { CliError } from '../errors/cliError';

/** An org exists for the CLI once the ledger holds an event of it: a typo is refused, not reported as empty. */
export async function requireOrg(ledger: Ledger, orgId: string): Promise<void> {
  if ((await ledger.orgSize(orgId)) === 0) {
    throw new CliError('LEDGER_CLI.UNKNOWN_ORG', `org ${orgId} has no events in this ledger`);
  }
}
