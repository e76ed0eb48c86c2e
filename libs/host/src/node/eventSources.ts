import type { ServiceDescriptor } from '../descriptor/serviceDescriptor';
import { streamCategory } from '@ledger/ledger';
import { handlingOnly, type EventFilter, type ProjectionDefinition } from '@ledger/projections';

/** True for events of the service's own stream categories. */
export function ownedBy(service: ServiceDescriptor): EventFilter {
  const own = new Set(service.categories);
  return (event) => own.has(streamCategory(event.streamId));
}

/**
 * Multi-node splits each projection of a service by where its events come from: the runner
 * applies the service's own events from the ledger (so its writes can be read back at once),
 * and the consumer applies every other service's events as they arrive on their topics.
 */
export function splitProjections(service: ServiceDescriptor): {
  fromLedger: ProjectionDefinition[];
  fromBus: ProjectionDefinition[];
} {
  const own = ownedBy(service);
  return {
    fromLedger: service.projections.map((definition) => handlingOnly(definition, own)),
    fromBus: service.projections.map((definition) => handlingOnly(definition, (event) => !own(event))),
  };
}
