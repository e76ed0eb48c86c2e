import { existsSync } from 'node:fs';
import { CliError } from '../errors/cliError';

export function requireFile(option: string, file: string): void {
  if (!existsSync(file)) throw new CliError('LEDGER_CLI.NO_SUCH_FILE', `${option} ${file}: no such file`);
}
