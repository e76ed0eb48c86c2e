import type { ServiceDescriptor } from '../descriptor/serviceDescriptor';
import { TopologyError } from './topologyError';

export const TOPOLOGIES = ['single-node', 'multi-node'] as const;
export type Topology = (typeof TOPOLOGIES)[number];

/** What a process was told to be: its topology, the services it hosts and its brokers. */
export interface TopologyConfig {
  topology: Topology;
  /** Every service this build knows; the ones not hosted are the ones whose tables are foreign. */
  known: readonly ServiceDescriptor[];
  hosted: readonly ServiceDescriptor[];
  kafkaBrokers: readonly string[];
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Reads TOPOLOGY (default single-node), SERVICES (default: all known) and KAFKA_BROKERS. */
export function readTopologyConfig(env: NodeJS.ProcessEnv, known: readonly ServiceDescriptor[]): TopologyConfig {
  const topology = env.TOPOLOGY?.trim() || 'single-node';
  if (!(TOPOLOGIES as readonly string[]).includes(topology)) {
    throw new TopologyError(
      'TOPOLOGY_UNKNOWN',
      `TOPOLOGY=${topology} is not a topology: use single-node or multi-node`,
    );
  }
  const names = env.SERVICES === undefined ? known.map((service) => service.name) : list(env.SERVICES);
  const hosted = [...new Set(names)].map((name) => {
    const service = known.find((candidate) => candidate.name === name);
    if (!service) {
      const all = known.map((candidate) => candidate.name).join(', ');
      throw new TopologyError(
        'TOPOLOGY_UNKNOWN_SERVICE',
        `SERVICES names ${name}, which is not a service (known: ${all})`,
      );
    }
    return service;
  });
  return { topology: topology as Topology, known, hosted, kafkaBrokers: list(env.KAFKA_BROKERS) };
}
