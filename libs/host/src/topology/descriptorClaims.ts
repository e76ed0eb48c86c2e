import type { ServiceDescriptor } from '../descriptor/serviceDescriptor';
import { TopologyError } from './topologyError';

/**
 * Ownership is by name, so it must be unambiguous: no table prefix may be claimed twice or be
 * the start of another's (`meeting_` would own `meeting_prep_` tables), no stream category twice.
 */
export function checkDistinctClaims(services: readonly ServiceDescriptor[]): void {
  for (const [i, a] of services.entries()) {
    for (const b of services.slice(i + 1)) {
      if (a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix)) {
        const prefixes =
          a.prefix === b.prefix ? `table prefix ${a.prefix}` : `table prefixes ${a.prefix} and ${b.prefix}`;
        throw new TopologyError(
          'TOPOLOGY_PREFIX_CLAIMED_TWICE',
          `services ${a.name} and ${b.name} both claim ${prefixes}`,
        );
      }
      const shared = a.categories.find((category) => b.categories.includes(category));
      if (shared !== undefined) {
        throw new TopologyError(
          'TOPOLOGY_CATEGORY_CLAIMED_TWICE',
          `services ${a.name} and ${b.name} both claim stream category ${shared}`,
        );
      }
    }
  }
}
