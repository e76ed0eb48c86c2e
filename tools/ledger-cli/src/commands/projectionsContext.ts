import { userInfo } from 'node:os';
import { Pool } from 'pg';
import { Ledger, LocalKeyProvider, type KeyProvider } from '@ledger/ledger';
import type { ProjectionRegistry } from '@ledger/projections';
import { knownProjections } from './knownProjections';
import { requireDatabaseUrl } from '../databaseUrl';

/**
 * Audit events of projection commands carry no personal data, so without LEDGER_MASTER_KEYS
 * the CLI runs with a provider that refuses to wrap or unwrap anything.
 */
const noPersonalData: KeyProvider = {
  activeKeyId: 'none',
  wrap: () => Promise.reject(new Error('the projections commands append no personal data')),
  unwrap: () => Promise.reject(new Error('the projections commands read no personal data')),
};

export interface ProjectionsCli {
  pool: Pool;
  ledger: Ledger;
  registry: ProjectionRegistry;
  close(): Promise<void>;
}

export function openProjections(env: NodeJS.ProcessEnv = process.env): ProjectionsCli {
  const url = requireDatabaseUrl(env);
  const pool = new Pool({ connectionString: url, max: 4 });
  const keyProvider = env.LEDGER_MASTER_KEYS ? LocalKeyProvider.fromEnv(env.LEDGER_MASTER_KEYS) : noPersonalData;
  // The services' sequencer orders the audit events; an operator command does not run one.
  const ledger = new Ledger({ pool, keyProvider, runSequencer: false });
  return {
    pool,
    ledger,
    registry: knownProjections(),
    async close() {
      await ledger.close();
      await pool.end();
    },
  };
}

/** Runs `work` with an open context and always closes it. */
export async function withProjections<T>(work: (cli: ProjectionsCli) => Promise<T>): Promise<T> {
  const cli = openProjections();
  try {
    return await work(cli);
  } finally {
    await cli.close();
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
