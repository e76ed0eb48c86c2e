import { Command } from 'commander';
import type { ProjectionRegistry } from '@ledger/projections';
import { knownProjections } from './commands/knownProjections';
import { registerMigrate } from './commands/migrate';
import { registerProjections } from './commands/projections';
import { registerVerify } from './commands/verify';

export interface ProgramOptions {
  /** The projections the commands know; the services' by default. */
  registry?: ProjectionRegistry;
}

/** The `ledger` command. Each command lives in its own file under commands/ and registers itself here. */
export function buildProgram(options: ProgramOptions = {}): Command {
  const registry = options.registry ?? knownProjections();
  const program = new Command('ledger')
    .description('Operate the ledger: migrations, projections and verification')
    .showHelpAfterError()
    .exitOverride();
  registerMigrate(program, registry);
  registerProjections(program, registry);
  registerVerify(program);
  return program;
}
