/**
 * One service of the multi-node topology as its own process: TOPOLOGY=multi-node, SERVICES=<one
 * service>, DATABASE_URL, KAFKA_BROKERS, LEDGER_MASTER_KEYS, the token issuer (LEDGER_AUTH_JWKS_URL
 * and its settings, or LEDGER_DEV_TOKEN_SECRET outside production) and for audit
 * LEDGER_SIGNING_KEYS (each also as a mounted file, `<NAME>_FILE`, which LEDGER_ENV=production
 * requires; see the production gate) and LEDGER_CHECKPOINT_DIR (where published tree heads are
 * kept); optional HOST, PORT, KAFKA_IDEMPOTENT, KAFKA_TEST_BROKER and the `OTEL_*`
 * variables of the telemetry the entry point started (`/metrics` on OTEL_EXPORTER_PROMETHEUS_PORT).
 * Refuses to start, with one line, when the configuration or the role's privileges disagree.
 */
import { SIGNING_KEYS_VARIABLE } from '@ledger/ledger';
import { createLogger } from '@ledger/observability';
import type { Telemetry } from '@ledger/observability/telemetry';
import { readAuthConfig } from '../config/authConfig';
import { checkpointStoreFromEnv } from '../config/checkpointDir';
import { loadAuth } from '../config/auth';
import { loadMasterKeys } from '../config/masterKeys';
import { checkProduction, ProductionRefused } from '../config/productionGate';
import { followDatabasePasswordFile } from '../config/rotatingKeys';
import { loadSigningKeys } from '../config/signingKeys';
import { readServiceConfig } from '../config/serviceConfig';
import type { ServiceDescriptor } from '../descriptor/serviceDescriptor';
import { startServiceNode } from '../node/startServiceNode';
import { TopologyError } from '../topology';

function required(name: string, why: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new TopologyError('TOPOLOGY_BAD_SETTING', `${name} must be set: ${why}`);
  return value;
}

/** Set once the service runs; a stop before then has nothing to close. */
let running: { stop(signal: NodeJS.Signals): Promise<void> } | undefined;
function onStopSignal(signal: NodeJS.Signals): void {
  if (running) void running.stop(signal);
  else process.exit(0);
}

async function main(known: readonly ServiceDescriptor[], telemetry: Telemetry): Promise<void> {
  const config = readServiceConfig(process.env, known);
  const { service } = config;
  checkProduction(process.env, { signingKeys: service.name === 'audit' });
  const authConfig = readAuthConfig(process.env);
  const logger = createLogger({ service: service.name });
  // A rotated file that cannot be used leaves the previous secret in force; say which file only.
  const onReloadError = (error: Error) => logger.error({ err: error }, 'mounted secret not reloaded');
  followDatabasePasswordFile(process.env, onReloadError);
  const { prometheus } = telemetry.config;
  const metrics = await telemetry.listenMetrics().catch((error: unknown) => {
    throw new TopologyError(
      'TOPOLOGY_BAD_SETTING',
      `the metrics port ${prometheus.host}:${prometheus.port} (OTEL_EXPORTER_PROMETHEUS_PORT) is not free: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  if (!process.env.LEDGER_MASTER_KEYS_FILE?.trim()) required('LEDGER_MASTER_KEYS', 'stream keys are wrapped with them');
  const keyProvider = await loadMasterKeys(process.env, false, '', onReloadError);
  if (authConfig.kind === 'development' && !process.env.LEDGER_DEV_TOKEN_SECRET) {
    throw new TopologyError(
      'TOPOLOGY_NO_TOKEN_SECRET',
      'multi-node needs LEDGER_DEV_TOKEN_SECRET (or LEDGER_AUTH_JWKS_URL): every service must verify the same tokens',
    );
  }
  const auth = await loadAuth(authConfig, process.env, '');
  if (service.name === 'audit' && !process.env[`${SIGNING_KEYS_VARIABLE}_FILE`]?.trim()) {
    required(SIGNING_KEYS_VARIABLE, 'the audit service signs exports');
  }
  const signingKeys =
    service.name === 'audit' ? await loadSigningKeys(process.env, false, '', onReloadError) : undefined;
  const checkpoints = service.name === 'audit' ? checkpointStoreFromEnv(process.env) : undefined;
  const node = await startServiceNode({ config, keyProvider, signingKeys, checkpoints, auth: auth.verifier, logger });
  logger.info(
    { url: node.url, metrics: metrics.url, topics: node.bus.topics, tokenIssuer: auth.issuer },
    'service started',
  );
  process.stdout.write(`${service.name} listening on ${node.url} metrics on ${metrics.url}/metrics
`);

  let stopping: Promise<void> | undefined;
  running = {
    stop: (signal) =>
      (stopping ??= (async () => {
        logger.info({ signal }, 'service stopping');
        const code = await node.close().then(
          () => 0,
          (error: unknown) => {
            logger.error({ err: error }, 'service stop failed');
            return 1;
          },
        );
        logger.info({ signal }, 'service stopped');
        await telemetry.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'telemetry flush failed'));
        // kafkajs may still hold retry timers of an abandoned request; nothing is left to wait for.
        process.exit(code);
      })()),
  };
}

/**
 * Runs the service named by SERVICES out of `known` (every service the deployment knows, so the
 * gate can check the others' tables are foreign) until SIGTERM or SIGINT. Returns the stop to
 * call when whoever started the process goes away.
 */
export function runServiceProcess(
  known: readonly ServiceDescriptor[],
  telemetry: Telemetry,
): (signal: NodeJS.Signals) => void {
  process.on('SIGTERM', onStopSignal);
  process.on('SIGINT', onStopSignal);
  main(known, telemetry).catch((error: unknown) => {
    const lines =
      error instanceof ProductionRefused ? error.lines : [error instanceof Error ? error.message : String(error)];
    for (const line of lines)
      process.stderr.write(`${process.env.SERVICES ?? 'service'}: refusing to start: ${line}\n`);
    process.exit(1);
  });
  return onStopSignal;
}
