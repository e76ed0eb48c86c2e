import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createPool, GroupAppender, Ledger, LEDGER_WRITER_ROLE, migrate, type KeyProvider } from '@ledger/ledger';
import {
  loadProjectionMigrations,
  ProjectionRegistry,
  ProjectionRunner,
  ProjectionWaiter,
  type ProjectionDefinition,
} from '@ledger/projections';
import type { TokenVerifierOptions } from '@ledger/tenancy';
import { projectionReadiness } from '@ledger/http';
import type { ServiceDescriptor } from '../descriptor/serviceDescriptor';
import { migrateServices } from '../migrations/migrateServices';
import type { CoreServices } from './coreServices';

export interface CoreOptions {
  databaseUrl: string;
  keyProvider: KeyProvider;
  auth: TokenVerifierOptions;
  projections: readonly ProjectionDefinition[];
  logger: Logger;
  /** Apply migrations first; single-node development does, production runs them as a job. */
  migrate?: boolean;
  /** With `migrate`: the hosted services, whose generated roles and grants are applied too. */
  services?: readonly ServiceDescriptor[];
  /**
   * The database role every connection takes (multi-node: the service's own `svc_<service>`).
   * Default: appends as `ledger_writer` and projects as the login role (single-node).
   */
  role?: string;
  runnerPollMs?: number;
  waitTimeoutMs?: number;
}

export interface RunningCore {
  core: CoreServices;
  runner: ProjectionRunner;
  close(): Promise<void>;
}

/**
 * The single-node core: the ledger (appending as `ledger_writer`), the in-process projection
 * runner woken by the sequencer, the read-your-writes waiter and the access-record grouper.
 */
export async function startCore(options: CoreOptions): Promise<RunningCore> {
  const { logger } = options;
  if ((options.migrate ?? true) && options.services) {
    await migrateServices(options.databaseUrl, options.services, { bus: false });
  } else if (options.migrate ?? true) {
    await migrate(options.databaseUrl);
    const registry = new ProjectionRegistry([...options.projections]);
    await migrate(options.databaseUrl, await loadProjectionMigrations(registry));
  }
  let stopping = false;
  const onIdleError = (err: Error) => stopping || logger.warn({ err }, 'idle database connection lost');
  const { databaseUrl: connectionString, role } = options;
  const writer = createPool({ connectionString, max: 20, role: role ?? LEDGER_WRITER_ROLE, onIdleError });
  const pool: Pool = createPool({ connectionString, max: 20, role, onIdleError });
  const ledger = new Ledger({
    pool: writer,
    keyProvider: options.keyProvider,
    connectionString,
    sequencer: { onError: (err) => logger.error({ err }, 'sequencer batch failed; retrying') },
  });
  const runner = new ProjectionRunner(pool, options.projections, {
    pollMs: options.runnerPollMs ?? 250,
    onError: (err, where) => logger.error({ err, ...where }, 'projection batch failed; retrying'),
  });
  ledger.sequencer.on('sequenced', () => runner.poke());
  runner.start();
  const waiter = new ProjectionWaiter(
    pool,
    options.projections.map((p) => p.name),
    {
      timeoutMs: options.waitTimeoutMs ?? 5000,
      onTimeout: (orgId) =>
        logger.warn({ orgId }, 'read models lag: a write answered before its projections caught up'),
    },
  );
  const access = new GroupAppender((request) => ledger.append(request));
  return {
    core: { ledger, pool, waiter, access, auth: options.auth, readiness: projectionReadiness(pool) },
    runner,
    async close() {
      stopping = true;
      await access.close();
      await runner.stop();
      await ledger.close();
      await Promise.all([writer.end(), pool.end()]);
    },
  };
}
