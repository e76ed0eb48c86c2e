import type { ProjectionDefinition, ProjectionEvent, ProjectionHandler } from '../definition/projectionDefinition';

/** Decides, for one projection, whether an event reaches it from this side (ledger or bus). */
export type EventFilter = (event: Pick<ProjectionEvent, 'type' | 'streamId'>) => boolean;

/**
 * The same projection with only the events `accept` admits handled; the others are passed over
 * as events without a handler are (their checkpoint still advances). In multi-node a service's
 * runner follows its own events in the ledger this way, while the other services' events reach
 * the same tables through Kafka, so neither path applies an event the other one owns.
 * Handlers are looked up lazily, by type, because a definition may answer every type name (the
 * audit trail does) rather than list them.
 */
export function handlingOnly(definition: ProjectionDefinition, accept: EventFilter): ProjectionDefinition {
  const wrapped = new Map<string, ProjectionHandler>();
  const handlers = new Proxy({} as Record<string, ProjectionHandler>, {
    get(_target, type) {
      if (typeof type !== 'string') return undefined;
      const handler = definition.handlers[type];
      if (!handler) return undefined;
      let filtered = wrapped.get(type);
      if (!filtered) {
        filtered = (event, tx) => (accept(event) ? handler(event, tx) : undefined);
        wrapped.set(type, filtered);
      }
      return filtered;
    },
  });
  return { ...definition, handlers };
}
