import type { Pool } from 'pg';
import type { Logger } from 'pino';
import {
  createPool,
  GroupAppender,
  Ledger,
  LEDGER_WRITER_ROLE,
  migrate,
  RetentionMonitor,
  TreeHeadAge,
  TreeHeadPublisher,
  TreeHeadScheduler,
  type CheckpointStore,
  type KeyProvider,
  type SigningKeyProvider,
} from '@ledger/ledger';
import {
  loadProjectionMigrations,
  ProjectionMetrics,
  ProjectionRegistry,
  ProjectionRunner,
  ProjectionWaiter,
  type ProjectionDefinition,
} from '@ledger/projections';
import type { TokenVerifierOptions } from '@ledger/tenancy';
import { processReadiness, ProcessWorkers } from '@ledger/http';
import type { ServiceDescriptor } from '../descriptor/serviceDescriptor';
import { ensureRuntimeLogin } from '../config/runtimeLogin';
import { migrateServices } from '../migrations/migrateServices';
import { PROJECTOR_ROLE, REQUEST_ROLE, runtimeRolesMigration } from '../migrations/runtimeRolesMigration';
import { refuseRowSecurityBypass } from '../topology/rowSecurityGate';
import type { CoreServices } from './coreServices';

export interface CoreOptions {
  /**
   * With `migrate`, the owner's URL: it migrates, then creates the run-time login every pool uses
   * (`ensureRuntimeLogin`). Without, the run-time login itself. Either way no pool serves as a
   * superuser or a BYPASSRLS role: the start-up gate refuses.
   */
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
   * Default (single-node): the ledger's engine as `ledger_writer`, the projection runner and
   * readiness as `ledger_projector`, request paths as `ledger_request` with the org set on
   * every checkout; the runner applies each org's batch as the request role, with its org set.
   */
  role?: string;
  /** With `role`: the role request paths take instead (multi-node: `svc_<service>_request`). */
  requestRole?: string;
  runnerPollMs?: number;
  waitTimeoutMs?: number;
  /** A worker whose loop has not gone round for this long makes the process unready (default 30 s). */
  stallAfterMs?: number;
  /** How often the retention sweep status is measured for its gauges (default 60 s). */
  retentionProbeMs?: number;
  /**
   * The process that holds the signing keys (single-node, multi-node's audit) signs every org's
   * tree head on a schedule (`libs/ledger/src/signing/TREE_HEADS.md`); the others sign none.
   */
  signingKeys?: SigningKeyProvider;
  /**
   * Where published heads are kept outside the database: scheduled signing is checked against
   * them like every other signing, so a restored database behind a published head is never signed.
   */
  checkpoints?: CheckpointStore;
  /** How often the due tree heads are looked for (default 10 s). */
  treeHeadIntervalMs?: number;
  /** How old an unchanged tree's head may grow before it is signed again (default 15 min). */
  treeHeadResignAfterMs?: number;
}

export interface RunningCore {
  /** `core.pool` is the request paths' org-scoped pool. */
  core: CoreServices;
  /** The cross-org pool of the projection worker: the runner, readiness, the bus bridge. */
  worker: Pool;
  runner: ProjectionRunner;
  /** The process's workers behind `/health/ready`; the bus bridge adds the relay and the consumer. */
  workers: ProcessWorkers;
  close(): Promise<void>;
}

/**
 * The single-node core: the ledger (appending as `ledger_writer`), the in-process projection
 * runner woken by the sequencer, the read-your-writes waiter and the access-record grouper.
 */
export async function startCore(options: CoreOptions): Promise<RunningCore> {
  const { logger } = options;
  const migrating = options.migrate ?? true;
  if (migrating && options.services) {
    await migrateServices(options.databaseUrl, options.services, { bus: false });
  } else if (migrating) {
    await migrate(options.databaseUrl);
    const registry = new ProjectionRegistry([...options.projections]);
    await migrate(options.databaseUrl, [
      ...(await loadProjectionMigrations(registry)),
      runtimeRolesMigration(registry.list()),
    ]);
  }
  let stopping = false;
  const onIdleError = (err: Error) => stopping || logger.warn({ err }, 'idle database connection lost');
  const { role } = options;
  // Migrating and serving from one command (single-node development): the owner hands over to
  // the run-time login before any pool exists.
  const connectionString = migrating ? await ensureRuntimeLogin(options.databaseUrl) : options.databaseUrl;
  const writer = createPool({
    connectionString,
    max: 20,
    role: role ?? LEDGER_WRITER_ROLE,
    onIdleError,
    name: 'writer',
  });
  const worker = createPool({ connectionString, max: 10, role: role ?? PROJECTOR_ROLE, onIdleError, name: 'worker' });
  const requestRole = options.requestRole ?? role ?? REQUEST_ROLE;
  const requests = createPool({
    connectionString,
    max: 20,
    role: requestRole,
    orgScoped: true,
    onIdleError,
    name: 'requests',
  });
  const pools = [writer, worker, requests];
  try {
    for (const pool of pools) await refuseRowSecurityBypass(pool);
  } catch (error) {
    await Promise.all(pools.map((pool) => pool.end()));
    throw error;
  }
  const ledger = new Ledger({
    pool: writer,
    // A request's command reads its stream under its own org's policy.
    orgReads: requests,
    keyProvider: options.keyProvider,
    connectionString,
    sequencer: { onError: (err) => logger.error({ err }, 'sequencer batch failed; retrying') },
  });
  const runner = new ProjectionRunner(worker, options.projections, {
    pollMs: options.runnerPollMs ?? 250,
    metrics: new ProjectionMetrics(),
    // Each org's batch runs as the request role with its org set, so a handler that strays
    // cannot touch another org; finding orgs and their lag stays on the worker's cross-org role.
    orgRole: requestRole,
    onError: (err, where) => logger.error({ err, ...where }, 'projection batch failed; retrying'),
  });
  ledger.sequencer.on('sequenced', () => runner.poke());
  runner.start();
  const treeHeads = options.signingKeys
    ? new TreeHeadScheduler(
        new TreeHeadPublisher({
          pool: writer,
          keys: options.signingKeys,
          checkpoints: options.checkpoints,
          resignAfterMs: options.treeHeadResignAfterMs,
        }),
        {
          intervalMs: options.treeHeadIntervalMs ?? 10_000,
          age: new TreeHeadAge(new Date()),
          onError: (err) => stopping || logger.error({ err }, 'tree head signing failed; retrying'),
        },
      )
    : undefined;
  treeHeads?.start();
  const workers = new ProcessWorkers(options.stallAfterMs);
  // A ledger built without its sequencer leaves sequencing to another process: nothing to watch here.
  if (ledger.sequencer.isRunning) {
    workers.add({
      name: 'sequencer',
      gatesReadiness: true,
      running: () => ledger.sequencer.isRunning,
      lastRoundAt: () => ledger.sequencer.lastCompletedAt,
    });
  }
  workers.add({
    name: 'projections',
    gatesReadiness: true,
    running: () => runner.isRunning,
    lastRoundAt: () => runner.lastRoundAt,
  });
  // Called by request handlers, for the request's org: it reads through the request pool.
  const waiter = new ProjectionWaiter(
    requests,
    options.projections.map((p) => p.name),
    {
      timeoutMs: options.waitTimeoutMs ?? 5000,
      onTimeout: (orgId) =>
        logger.warn({ orgId }, 'read models lag: a write answered before its projections caught up'),
    },
  );
  const access = new GroupAppender((request) => ledger.append(request));
  // The sweeper runs from the CLI, gone before a scrape: every service process reports the sweep
  // status from the database, so the alerts see a failed or stalled sweep.
  const retention = new RetentionMonitor(worker);
  retention.start(options.retentionProbeMs ?? 60_000);
  return {
    core: { ledger, pool: requests, waiter, access, auth: options.auth, readiness: processReadiness(worker, workers) },
    worker,
    runner,
    workers,
    async close() {
      stopping = true;
      retention.stop();
      await access.close();
      await treeHeads?.stop();
      await runner.stop();
      await ledger.close();
      await Promise.all(pools.map((pool) => pool.end()));
    },
  };
}
