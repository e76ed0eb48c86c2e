import type { KafkaMessage } from 'kafkajs';
import type { DlqFailure } from '../dlq/dlqHeaders';
import type { EnvelopeValidator } from './envelopeValidation';
import { parseEnvelopeJson, type EventEnvelope } from './eventEnvelope';
import { EVENT_HEADERS, headerText } from './messageHeaders';

export type CheckedMessage = { ok: true; envelope: EventEnvelope } | { ok: false; failure: DlqFailure };

/** The inbox keys on a PostgreSQL uuid, whatever the caller's validator accepts. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Everything that makes a message poison before any handler runs. The org check comes first:
 * the org named by the key (which decides the partition, so per-org order), by the header
 * (which routing and filtering trust) and by the payload (which the effect is written under)
 * must be one org, or the message could write into an org it does not belong to.
 * Failure messages name fields, never values.
 */
export function checkMessage(message: KafkaMessage, validate: EnvelopeValidator): CheckedMessage {
  const payload = parseEnvelopeJson(message.value);
  if (payload === undefined) {
    return { ok: false, failure: { code: 'unparseable', message: 'the value is not a JSON object' } };
  }

  const headerOrg = headerText(message.headers, EVENT_HEADERS.orgId);
  const keyOrg = message.key === null ? undefined : message.key.toString('utf8');
  const payloadOrg = payload.orgId;
  if (typeof payloadOrg !== 'string' || payloadOrg.length === 0) {
    return { ok: false, failure: { code: 'org-mismatch', message: 'the payload names no orgId' } };
  }
  if (headerOrg !== payloadOrg) {
    return {
      ok: false,
      failure: { code: 'org-mismatch', message: "the org-id header is missing, repeated or not the payload's orgId" },
    };
  }
  if (keyOrg !== payloadOrg) {
    return { ok: false, failure: { code: 'org-mismatch', message: "the message key is not the payload's orgId" } };
  }

  let validation;
  try {
    validation = validate(payload);
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error;
    return { ok: false, failure: { code: 'invalid-envelope', message: `the validator threw ${name}` } };
  }
  if (!validation.ok) return { ok: false, failure: { code: 'invalid-envelope', message: validation.error } };
  if (typeof payload.eventId !== 'string' || !UUID.test(payload.eventId)) {
    return { ok: false, failure: { code: 'invalid-envelope', message: 'eventId must be a UUID (the inbox key)' } };
  }
  // The validator vouched for the rest of the shape.
  return { ok: true, envelope: payload as unknown as EventEnvelope };
}
