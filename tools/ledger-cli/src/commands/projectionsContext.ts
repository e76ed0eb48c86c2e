import { userInfo } from 'node:os';
import type { ProjectionRegistry } from '@ledger/projections';
import { openLedger, type OpenLedger } from '../connection/openLedger';

export interface ProjectionsCli extends OpenLedger {
  registry: ProjectionRegistry;
}

/** Runs `work` with an open ledger and the registry, and always closes them. */
export async function withProjections<T>(
  registry: ProjectionRegistry,
  work: (cli: ProjectionsCli) => Promise<T>,
): Promise<T> {
  const opened = openLedger();
  try {
    return await work({ ...opened, registry });
  } finally {
    await opened.close();
  }
}

/** The operator named in audit events: `--actor`, else LEDGER_ACTOR, else the OS user. */
export function actorOf(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? env.LEDGER_ACTOR ?? userInfo().username;
}

/** JSON lines with --json or whenever stdout is not a terminal (pipes, CI, log shippers). */
export function wantsJson(option: boolean | undefined): boolean {
  return option === true || !process.stdout.isTTY;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
