import { Client } from 'pg';
import { checkTopology, checkTopologyConfig, pgPrivilegeProbe, readTopologyConfig, TopologyError } from '../topology';
import type { ServiceDescriptor } from '../descriptor/serviceDescriptor';
import type { TopologyConfig } from '../topology';

/**
 * Before anything starts: the shared gate's configuration checks, then this command's own
 * limit, since it always hosts every service in one process (multi-node runs one per service).
 */
export function singleNodeTopology(env: NodeJS.ProcessEnv, services: readonly ServiceDescriptor[]): TopologyConfig {
  const config = readTopologyConfig(env, services);
  checkTopologyConfig(config);
  if (config.topology !== 'single-node') {
    throw new TopologyError(
      'TOPOLOGY_COMMAND_SINGLE_NODE_ONLY',
      `TOPOLOGY=${config.topology}: this command runs single-node only (all ${services.length} services in one process)`,
    );
  }
  return config;
}

/**
 * Once the database is up: the gate's privilege checks, on a connection of the process's own role
 * (`role`: the one every connection of the process takes, as multi-node services do).
 */
export async function checkDatabasePrivileges(
  config: TopologyConfig,
  databaseUrl: string,
  role?: string,
): Promise<void> {
  const client = new Client({ connectionString: databaseUrl, options: role ? `-c role=${role}` : undefined });
  // A server going away fails the probe's query; the 'error' event must not be fatal as well.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await checkTopology(config, pgPrivilegeProbe(client));
  } finally {
    await client.end();
  }
}
