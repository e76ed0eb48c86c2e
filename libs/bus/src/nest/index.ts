export { BusTransport, type BusTransportOptions } from './busTransport';
export { DeliveryContext } from './deliveryContext';
export {
  OnFollowedEvents,
  followedServicesOf,
  type DeliveredEvent,
  type DeliveredRun,
  type FollowedEventsHandler,
} from './followedEvents';
