import type { ServiceDescriptor } from '../descriptor/serviceDescriptor';
import { streamCategory } from '@ledger/ledger';
import { handlingOnly, type EventFilter, type ProjectionDefinition } from '@ledger/projections';

/** True for events of the service's own stream categories. */
export function ownedBy(service: ServiceDescriptor): EventFilter {
  const own = new Set(service.categories);
  return (event) => own.has(streamCategory(event.streamId));
}

/**
 * Multi-node applies a service's own events from the ledger (so its writes can be read back at
 * once) and every other service's from their topics, through the service's message controller.
 * These are its projections as its runner applies them: handling its own events only.
 */
export function ownEventProjections(service: ServiceDescriptor): ProjectionDefinition[] {
  const own = ownedBy(service);
  return service.projections.map((definition) => handlingOnly(definition, own));
}
