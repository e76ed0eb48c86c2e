import { LedgerValidationError } from '../errors/ledgerError';
import { assertJsonObject } from './jsonValue';
import type { AppendRequest, ExpectedRevision, NewEvent } from './types';

export const ORG_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** `<category>-<id>`: the category is everything before the first dash. */
export const STREAM_ID_PATTERN = /^[a-z][a-z0-9_]{0,39}-[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const EVENT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{0,127}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRACEPARENT_PATTERN = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
const MAX_ID_LENGTH = 200;
export const MAX_EVENTS_PER_APPEND = 1000;

export function streamCategory(streamId: string): string {
  return streamId.slice(0, streamId.indexOf('-'));
}

export function assertOrgId(orgId: unknown, field = 'orgId'): asserts orgId is string {
  if (orgId === undefined || orgId === null || orgId === '') throw new LedgerValidationError(field, 'is required');
  if (typeof orgId !== 'string' || !ORG_ID_PATTERN.test(orgId)) {
    throw new LedgerValidationError(field, `must match ${ORG_ID_PATTERN.source}`);
  }
}

export function assertStreamId(streamId: unknown, field = 'streamId'): asserts streamId is string {
  if (typeof streamId !== 'string' || !STREAM_ID_PATTERN.test(streamId)) {
    throw new LedgerValidationError(field, 'must be <category>-<id>: a lowercase category, a dash, then an id');
  }
}

export function assertExpectedRevision(value: unknown): asserts value is ExpectedRevision {
  if (value === 'any' || value === 'no_stream' || value === 'stream_exists') return;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return;
  throw new LedgerValidationError('expectedRevision', "must be 'any', 'no_stream', 'stream_exists' or a revision >= 0");
}

function assertOptionalId(value: unknown, field: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    throw new LedgerValidationError(field, `must be a string of 1 to ${MAX_ID_LENGTH} characters`);
  }
}

function assertEvent(event: NewEvent, field: string): void {
  if (typeof event !== 'object' || event === null) throw new LedgerValidationError(field, 'must be an object');
  if (event.eventId !== undefined && (typeof event.eventId !== 'string' || !UUID_PATTERN.test(event.eventId))) {
    throw new LedgerValidationError(`${field}.eventId`, 'must be a UUID');
  }
  if (typeof event.type !== 'string' || !EVENT_TYPE_PATTERN.test(event.type)) {
    throw new LedgerValidationError(`${field}.type`, `must match ${EVENT_TYPE_PATTERN.source}`);
  }
  const version = event.schemaVersion;
  if (version !== undefined && !(Number.isSafeInteger(version) && version >= 1)) {
    throw new LedgerValidationError(`${field}.schemaVersion`, 'must be an integer >= 1');
  }
  assertJsonObject(event.data, `${field}.data`);
  if (event.personal !== undefined) assertJsonObject(event.personal, `${field}.personal`);
  const metadata = event.metadata;
  if (typeof metadata !== 'object' || metadata === null) {
    throw new LedgerValidationError(`${field}.metadata`, 'is required');
  }
  if (typeof metadata.actor !== 'string' || metadata.actor.length === 0 || metadata.actor.length > MAX_ID_LENGTH) {
    throw new LedgerValidationError(
      `${field}.metadata.actor`,
      `is required: an actor id of 1 to ${MAX_ID_LENGTH} characters`,
    );
  }
  assertOptionalId(metadata.correlationId, `${field}.metadata.correlationId`);
  assertOptionalId(metadata.causationId, `${field}.metadata.causationId`);
  if (metadata.traceparent !== undefined && !TRACEPARENT_PATTERN.test(String(metadata.traceparent))) {
    throw new LedgerValidationError(`${field}.metadata.traceparent`, 'must be a W3C traceparent');
  }
}

/** Rejects malformed requests before anything touches the database. */
export function validateAppend(request: AppendRequest): void {
  if (typeof request !== 'object' || request === null) throw new LedgerValidationError('request', 'must be an object');
  assertOrgId(request.orgId);
  assertStreamId(request.streamId);
  assertExpectedRevision(request.expectedRevision);
  if (!Array.isArray(request.events) || request.events.length === 0) {
    throw new LedgerValidationError('events', 'must hold at least one event');
  }
  if (request.events.length > MAX_EVENTS_PER_APPEND) {
    throw new LedgerValidationError('events', `must hold at most ${MAX_EVENTS_PER_APPEND} events`);
  }
  const seen = new Set<string>();
  request.events.forEach((event, index) => {
    assertEvent(event, `events[${index}]`);
    if (event.eventId !== undefined) {
      const id = event.eventId.toLowerCase();
      if (seen.has(id)) throw new LedgerValidationError(`events[${index}].eventId`, 'must be unique within the batch');
      seen.add(id);
    }
  });
}
