import type { ProjectionDefinition, ProjectionRegistry } from '@ledger/projections';
import { CliError } from '../errors/cliError';

/**
 * The projection a command names, positionally (as the runbooks write it) or with
 * --projection; an unknown name is refused with the names this CLI knows.
 */
export function projectionNamed(
  registry: ProjectionRegistry,
  positional: string | undefined,
  option: string | undefined,
): ProjectionDefinition {
  const name = projectionNameOf(positional, option);
  if (name === undefined) {
    throw new CliError('LEDGER_CLI.BAD_ARGUMENT', 'name the projection: <name> or --projection <name>');
  }
  return requireProjection(registry, name);
}

/** The name given either way, or undefined; two different names are refused. */
export function projectionNameOf(positional: string | undefined, option: string | undefined): string | undefined {
  if (positional !== undefined && option !== undefined && positional !== option) {
    throw new CliError('LEDGER_CLI.BAD_ARGUMENT', `two projections named: ${positional} and --projection ${option}`);
  }
  return positional ?? option;
}

export function requireProjection(registry: ProjectionRegistry, name: string): ProjectionDefinition {
  const definition = registry.list().find((candidate) => candidate.name === name);
  if (!definition) {
    const known = registry.list().map((candidate) => candidate.name);
    throw new CliError('PROJECTIONS.UNKNOWN_PROJECTION', `no projection named ${name} (known: ${known.join(', ')})`);
  }
  return definition;
}
