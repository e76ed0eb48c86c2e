import { Command } from 'commander';
import { registerMigrate } from './commands/migrate';
import { registerProjections } from './commands/projections';
import { registerVerify } from './commands/verify';

/** The `ledger` command. Each command lives in its own file under commands/ and registers itself here. */
export function buildProgram(): Command {
  const program = new Command('ledger')
    .description('Operate the ledger: migrations, projections and verification')
    .showHelpAfterError()
    .exitOverride();
  registerMigrate(program);
  registerProjections(program);
  registerVerify(program);
  return program;
}
