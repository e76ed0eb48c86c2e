import { Catch, UseFilters, type RpcExceptionFilter, type Type } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';
import { eventTopic, type EventEnvelope, type EventService, type ServiceEventType } from '@ledger/contracts';
import type { JsonObject } from '@ledger/ledger';
import type { DeliveryContext } from './deliveryContext';

/** An event read from service `S`'s topic: its type is one the catalogue lists for `S`. */
export type DeliveredEvent<S extends EventService> = EventEnvelope<ServiceEventType<S>, JsonObject>;

/** Newly claimed events of one org, in their order, all from one topic. */
export type DeliveredRun<S extends EventService> = readonly DeliveredEvent<S>[];

export type FollowedEventsHandler<S extends EventService> = (
  run: DeliveredRun<S>,
  context: DeliveryContext,
) => Promise<void>;

const FOLLOWED_METADATA = 'ledger:followed-services';

/**
 * Nest's default RPC filter turns any error into `{ status, message }`; the consumer needs the
 * error itself, to tell a database outage (redelivered later) from a bad event (retried, then
 * dead-lettered).
 */
@Catch()
class PassDeliveryErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * Marks a message controller's method as the handler of the topics of `services`: the pattern
 * is each service's topic, and the method must take a run of that service's catalogue types and
 * the delivery context. Nest passes a handler only the parameters marked as payload or context,
 * so they are marked here: a method cannot forget its transaction.
 */
export function OnFollowedEvents<S extends EventService>(...services: [S, ...S[]]) {
  return (target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<FollowedEventsHandler<S>>) => {
    EventPattern(services.map(eventTopic))(target, key, descriptor);
    UseFilters(new PassDeliveryErrors())(target, key, descriptor);
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
    if (descriptor.value) Reflect.defineMetadata(FOLLOWED_METADATA, services, descriptor.value);
  };
}

/** The services whose topics a message controller handles, over all its methods. */
export function followedServicesOf(controller: Type): EventService[] {
  const prototype: object = controller.prototype;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const method: unknown = Reflect.get(prototype, name);
    if (typeof method !== 'function') return [];
    const services: unknown = Reflect.getMetadata(FOLLOWED_METADATA, method);
    return Array.isArray(services) ? (services as EventService[]) : [];
  });
}
