import { isPlainObject } from './eventEnvelope';

/**
 * A validator's answer. `error` names the failing fields and rules, never their values: it is
 * written to DLQ headers and logs, where payload content must not go.
 */
export type EnvelopeValidation = { ok: true } | { ok: false; error: string };

/** Checks a parsed message value; the per-type JSON Schemas plug in here. */
export type EnvelopeValidator = (envelope: unknown) => EnvelopeValidation;

const LOWER_CASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ORG_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9._-]{0,127}$/;
const STREAM_ID = /^[a-z][a-z0-9_]{0,39}-[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

const isString = (pattern: RegExp) => (value: unknown) => typeof value === 'string' && pattern.test(value);
const isIntegerFrom = (min: number) => (value: unknown) => Number.isSafeInteger(value) && (value as number) >= min;

/** The envelope's fields as contracts/ledger-event.md defines them; extra fields are allowed (additive changes). */
const FIELD_RULES: ReadonlyArray<readonly [field: string, rule: string, test: (value: unknown) => boolean]> = [
  ['eventId', 'a lower-case UUID', isString(LOWER_CASE_UUID)],
  ['type', 'an event type name', isString(EVENT_TYPE)],
  ['schemaVersion', 'an integer ≥ 1', isIntegerFrom(1)],
  ['orgId', 'an org id', isString(ORG_ID)],
  ['streamId', 'a <category>-<id> stream id', isString(STREAM_ID)],
  ['streamRevision', 'an integer ≥ 0', isIntegerFrom(0)],
  ['orgSeq', 'an integer ≥ 0', isIntegerFrom(0)],
  [
    'recordedAt',
    'an ISO 8601 UTC timestamp',
    (value) => isString(ISO_UTC)(value) && !Number.isNaN(Date.parse(value as string)),
  ],
  [
    'metadata',
    'an object with a non-empty actor',
    (value) => isPlainObject(value) && typeof value.actor === 'string' && value.actor.length > 0,
  ],
  ['data', 'an object', isPlainObject],
  ['personal', 'an object or null', (value) => value === null || isPlainObject(value)],
];

/** The default validator: the envelope's required fields and their types, whatever the event type. */
export function validateEnvelopeFields(envelope: unknown): EnvelopeValidation {
  if (!isPlainObject(envelope)) return { ok: false, error: 'the envelope must be a JSON object' };
  const problems = FIELD_RULES.filter(([field, , test]) => !test(envelope[field])).map(
    ([field, rule]) => `${field} must be ${rule}`,
  );
  return problems.length === 0 ? { ok: true } : { ok: false, error: problems.join('; ') };
}

/** Runs validators in order and answers with the first refusal, e.g. the field check, then the type's schema. */
export function composeValidators(...validators: EnvelopeValidator[]): EnvelopeValidator {
  return (envelope) => {
    for (const validate of validators) {
      const result = validate(envelope);
      if (!result.ok) return result;
    }
    return { ok: true };
  };
}
