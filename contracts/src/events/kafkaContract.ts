/**
 * The Kafka side of the event contract: topic names, message key, header names. Which services
 * exist and whom each follows is declared by their descriptors (the service registry);
 * `contracts/asyncapi.yaml` documents the same facts and a test of the registry holds the two equal.
 */

/** Every service publishes its own events on one topic; a breaking change means a `.v2` topic. */
export function eventTopic(service: string): string {
  return `todox.${service}.events.v1`;
}

/** Messages a consumer cannot process go here, unchanged, with the error in headers. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** One consumer group per consuming service: each service sees every event of a topic once. */
export function consumerGroupId(service: string): string {
  return `todox.${service}`;
}

/** Header names on every event message; values are UTF-8 strings. The key is the org id. */
export const EVENT_HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  orgId: 'org-id',
  /** W3C trace context, so one trace spans ingest → claim → brief. Absent when the event has none. */
  traceparent: 'traceparent',
} as const;

/**
 * Headers a dead-lettered message carries on top of its original ones. All share the `dlq-`
 * prefix, so a message that fails again after a replay gets fresh ones. No personal data.
 */
export const DEAD_LETTER_HEADERS = {
  errorCode: 'dlq-error-code',
  errorMessage: 'dlq-error-message',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  failedAt: 'dlq-failed-at',
} as const;

/** Why a message was dead-lettered: stable values for alerts and for deciding on a replay. */
export const DEAD_LETTER_ERROR_CODES = ['unparseable', 'org-mismatch', 'invalid-envelope', 'handler-failed'] as const;
