import { EVENT_CATALOG, type EventService, type ServiceEventType } from '@ledger/contracts';
import type { ProjectionHandler } from './projectionDefinition';

/** Marks an event type a projection knows about and deliberately leaves alone. */
export const IGNORED: unique symbol = Symbol('ignored event type');
export type Ignored = typeof IGNORED;

/**
 * Part of a service's handlers for the types of the topics it follows: names from the catalogue
 * only. `F` is the followed services as the service's descriptor declares them
 * (`(typeof descriptor.follows)[number]`), so the follow relation is written once, there.
 */
export type FollowedHandlers<F extends EventService> = {
  readonly [T in ServiceEventType<F>]?: ProjectionHandler | Ignored;
};

/** Part of a service's handlers for its own types (applied from the ledger). */
export type OwnHandlers<S extends EventService> = { readonly [T in ServiceEventType<S>]?: ProjectionHandler };

/**
 * A service's whole handler map, for a service `S` following `F`: every type of every followed
 * topic is named, with a handler or `IGNORED`, so a type added to a followed topic, or a misspelt
 * one, is a compile error rather than an event silently passed over.
 */
export type ServiceHandlers<F extends EventService, S extends EventService> = Required<FollowedHandlers<F>> &
  OwnHandlers<S>;

/** The runner's view of a checked map: the handlers, without the ignored entries. */
export function projectionHandlers(
  map: Readonly<Record<string, ProjectionHandler | Ignored>>,
): Record<string, ProjectionHandler> {
  return Object.fromEntries(
    Object.entries(map).filter((entry): entry is [string, ProjectionHandler] => entry[1] !== IGNORED),
  );
}

/**
 * The types published on the topics of `follows` (a descriptor's `follows`) that `map` neither
 * handles nor ignores; empty when it covers them all. The compiler checks the same for a map
 * typed with `ServiceHandlers`; this checks it at run time against the descriptor itself.
 */
export function unhandledFollowedTypes(
  follows: readonly EventService[],
  map: Readonly<Record<string, ProjectionHandler | Ignored | undefined>>,
): string[] {
  return follows
    .flatMap((service): readonly string[] => EVENT_CATALOG[service])
    .filter((type) => typeof map[type] !== 'function' && map[type] !== IGNORED);
}
