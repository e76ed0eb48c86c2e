import { Command } from 'commander';
import type { ServiceDescriptor } from '@ledger/host';
import type { Clock } from '@ledger/ledger';
import type { ProjectionRegistry } from '@ledger/projections';
import { SERVICES } from '@ledger/registry';
import { registerCheckpoint } from './commands/checkpoint';
import { knownProjections } from './commands/knownProjections';
import { registerErasure } from './commands/erasure';
import { registerMigrate } from './commands/migrate';
import { registerProjections } from './commands/projections';
import { registerRetention } from './commands/retention';
import { registerVerify } from './commands/verify';

export interface ProgramOptions {
  /** The projections the commands know; the services' by default. */
  registry?: ProjectionRegistry;
  /** The services `migrate` migrates; the registry's by default. */
  services?: readonly ServiceDescriptor[];
  /** The time retention sweeps judge by; the system clock by default (tests move it by years). */
  clock?: Clock;
}

/** The `ledger` command. Each command lives in its own file under commands/ and registers itself here. */
export function buildProgram(options: ProgramOptions = {}): Command {
  const registry = options.registry ?? knownProjections();
  const program = new Command('ledger')
    .description(
      'Operate the ledger: migrations, projections, verification, erasure, retention sweeps and published-head checkpoints',
    )
    .showHelpAfterError()
    .exitOverride();
  registerMigrate(program, options.services ?? SERVICES);
  registerProjections(program, registry);
  registerVerify(program);
  registerErasure(program);
  registerRetention(program, options.clock);
  registerCheckpoint(program);
  return program;
}
