import type { ProjectionDefinition } from '@ledger/projections';
import type { ServiceDescriptor } from '@ledger/host';
import { SERVICES } from './services';

/** The service of that name among `services` (default: the registry's). */
export function serviceNamed(name: string, services: readonly ServiceDescriptor[] = SERVICES): ServiceDescriptor {
  const service = services.find((candidate) => candidate.name === name);
  if (!service) throw new Error(`${name} is not a service (known: ${services.map((s) => s.name).join(', ')})`);
  return service;
}

function serves(prefix: string, path: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`);
}

/** The service that answers a path in multi-node, where each listens on its own port. */
export function serviceForPath(path: string, services: readonly ServiceDescriptor[] = SERVICES): ServiceDescriptor {
  const service = services.find((candidate) => candidate.paths.some((prefix) => serves(prefix, path)));
  if (!service) throw new Error(`no service serves ${path}`);
  return service;
}

/** Every projection the services run, in registry order. */
export function allProjections(services: readonly ServiceDescriptor[] = SERVICES): ProjectionDefinition[] {
  return services.flatMap((service) => [...service.projections]);
}

/** The services that consume `service`'s topic. */
export function followersOf(service: string, services: readonly ServiceDescriptor[] = SERVICES): ServiceDescriptor[] {
  return services.filter((candidate) => candidate.follows.includes(service));
}
