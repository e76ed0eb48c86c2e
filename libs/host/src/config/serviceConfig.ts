import { checkTopologyConfig, readTopologyConfig, TopologyError } from '../topology';
import type { ServiceDescriptor } from '../descriptor/serviceDescriptor';
import type { TopologyConfig } from '../topology';

export interface ServiceProcessConfig {
  topology: TopologyConfig;
  service: ServiceDescriptor;
  databaseUrl: string;
  /** The service's own database role, `svc_<prefix>`: every connection takes it. */
  role: string;
  kafkaBrokers: string[];
  /** Production keeps idempotence on; only the librdkafka test broker needs it off. */
  kafkaIdempotent: boolean;
  /** The librdkafka test broker needs shorter fetch waits and session timeouts. */
  kafkaTestBroker: boolean;
  /**
   * KAFKA_FETCH_MAX_WAIT_MS: how long a fetch may wait for data. A real broker answers as soon as
   * data arrives, so kafkajs's default costs no latency there; the test broker holds an empty
   * fetch for the whole wait, so with it the default is 10 ms (ENVIRONMENT.md measured p99 14 ms
   * produce → consume at 1,000 messages/s with it).
   */
  fetchMaxWaitMs: number | undefined;
  host: string;
  port: number;
}

export function serviceRole(service: ServiceDescriptor): string {
  return `svc_${service.prefix.replace(/_$/, '')}`;
}

/**
 * The role a multi-node service's HTTP requests run as: its own tables and its org's ledger rows,
 * never cross-org (the service role itself is, for its sequencer, relay, runner and consumer).
 */
export function serviceRequestRole(service: ServiceDescriptor): string {
  return `${serviceRole(service)}_request`;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new TopologyError('TOPOLOGY_BAD_SETTING', `${name}=${env[name]} must be true or false`);
}

function fetchWait(env: NodeJS.ProcessEnv, testBroker: boolean): number | undefined {
  const value = env.KAFKA_FETCH_MAX_WAIT_MS?.trim();
  if (!value) return testBroker ? 10 : undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1) {
    throw new TopologyError('TOPOLOGY_BAD_SETTING', `KAFKA_FETCH_MAX_WAIT_MS=${value} must be a positive integer`);
  }
  return ms;
}

/**
 * One service process of the multi-node topology: the shared gate's configuration checks first
 * (one service, brokers given), then what this command needs on top (a database URL, since only
 * single-node starts an embedded server).
 */
export function readServiceConfig(env: NodeJS.ProcessEnv, known: readonly ServiceDescriptor[]): ServiceProcessConfig {
  const topology = readTopologyConfig(env, known);
  if (topology.topology !== 'multi-node') {
    throw new TopologyError(
      'TOPOLOGY_COMMAND_MULTI_NODE_ONLY',
      `TOPOLOGY=${topology.topology}: this command runs one service of multi-node; single-node is \`npm start\``,
    );
  }
  checkTopologyConfig(topology);
  const databaseUrl = env.DATABASE_URL?.trim();
  if (!databaseUrl) {
    throw new TopologyError(
      'TOPOLOGY_NO_DATABASE',
      'multi-node needs DATABASE_URL: each service connects to PostgreSQL',
    );
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TopologyError('TOPOLOGY_BAD_SETTING', `PORT=${env.PORT} is not a TCP port`);
  }
  const [service] = topology.hosted;
  const kafkaTestBroker = flag(env, 'KAFKA_TEST_BROKER', false);
  return {
    topology,
    service,
    databaseUrl,
    role: serviceRole(service),
    kafkaBrokers: [...topology.kafkaBrokers],
    kafkaIdempotent: flag(env, 'KAFKA_IDEMPOTENT', true),
    kafkaTestBroker,
    fetchMaxWaitMs: fetchWait(env, kafkaTestBroker),
    host: env.HOST ?? '127.0.0.1',
    port,
  };
}
