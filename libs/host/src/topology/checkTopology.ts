import { checkDistinctClaims } from './descriptorClaims';
import type { PrivilegeProbe, WritableTable } from './privilegeProbe';
import type { TopologyConfig } from './topologyConfig';
import { TopologyError } from './topologyError';

const SHOWN_TABLES = 3;

/** The refusals that need no database: run before anything is started. */
export function checkTopologyConfig(config: TopologyConfig): void {
  checkDistinctClaims(config.known);
  const hosted = config.hosted.map((service) => service.name);
  if (config.topology === 'single-node') {
    const missing = config.known.filter((service) => !hosted.includes(service.name)).map((service) => service.name);
    if (missing.length > 0) {
      throw new TopologyError(
        'TOPOLOGY_SINGLE_NODE_SUBSET',
        `single-node hosts all ${config.known.length} services, but SERVICES leaves out ${missing.join(', ')}`,
      );
    }
    return;
  }
  if (hosted.length !== 1) {
    throw new TopologyError(
      'TOPOLOGY_MULTI_NODE_SEVERAL_SERVICES',
      `multi-node runs one service per process, but this one would host ${hosted.join(', ') || 'none'}: set SERVICES to one`,
    );
  }
  if (config.kafkaBrokers.length === 0) {
    throw new TopologyError(
      'TOPOLOGY_MULTI_NODE_NO_BROKERS',
      'multi-node needs KAFKA_BROKERS: events cross services through Kafka',
    );
  }
}

function describe(tables: WritableTable[]): string {
  const shown = tables.slice(0, SHOWN_TABLES).map((t) => `${t.table} (${t.privileges.join(', ')})`);
  const more = tables.length > SHOWN_TABLES ? ` and ${tables.length - SHOWN_TABLES} more` : '';
  return `${shown.join(', ')}${more}`;
}

/**
 * Start-up gate: the configuration must be consistent, and the connection's actual privileges
 * must match it, since a role that can write another service's tables makes ownership a
 * convention instead of a guarantee.
 */
export async function checkTopology(config: TopologyConfig, probe: PrivilegeProbe): Promise<void> {
  checkTopologyConfig(config);
  const foreign = config.known.filter((service) => !config.hosted.includes(service));
  const writable = await probe.writableTables(foreign.map((service) => service.prefix));
  if (writable.length > 0) {
    throw new TopologyError(
      'TOPOLOGY_FOREIGN_TABLES_WRITABLE',
      `role ${await probe.currentRole()} can write another service's tables: ${describe(writable)}`,
    );
  }
  if (config.topology !== 'multi-node') return;
  const [service] = config.hosted;
  const owned = await probe.ownedCategories();
  const missing = service.categories.filter((category) => !owned.includes(category));
  if (missing.length > 0) {
    throw new TopologyError(
      'TOPOLOGY_CATEGORIES_NOT_OWNED',
      `role ${await probe.currentRole()} does not own stream categories ${missing.join(', ')} of service ${service.name} (ledger_category_owners)`,
    );
  }
}
