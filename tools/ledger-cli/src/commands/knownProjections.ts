import { ProjectionRegistry } from '@ledger/projections';
import { allProjections } from '@ledger/registry';

/**
 * The projections the services run, which an on-call engineer may list, rebuild or repair.
 * The library's example (`demo.accounts`) is left out: no service runs it, so it would only
 * show as an org stuck at `new`. The CLI is a tool, so it may read the service registry; libraries may not.
 */
export function knownProjections(): ProjectionRegistry {
  return new ProjectionRegistry(allProjections());
}
