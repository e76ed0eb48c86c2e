import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventMetadata, JsonObject, JsonValue } from './types';

/** Version of the hashed document's shape; a new shape gets a new number, old ones stay valid. */
export const CANONICAL_FORMAT_VERSION = 1;
const LEAF_PREFIX = Buffer.from([0x00]);

/** RFC 8785 (JCS) serialisation. */
export function canonicalJson(value: JsonValue): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

/** The encrypted personal part as stored and hashed. */
export interface PersonalEnvelope {
  alg: 'A256GCM';
  iv: string;
  ct: string;
  tag: string;
}

export interface CanonicalEventFields {
  eventId: string;
  orgId: string;
  streamId: string;
  streamRevision: number;
  type: string;
  schemaVersion: number;
  /** `data` already in canonical form, so a retry with a new revision need not re-serialise it. */
  canonicalData: string;
  personal: PersonalEnvelope | null;
  metadata: EventMetadata;
  recordedAt: string;
}

function canonicalMetadata(metadata: EventMetadata): string {
  const present: JsonObject = { actor: metadata.actor };
  if (metadata.correlationId !== undefined) present.correlationId = metadata.correlationId;
  if (metadata.causationId !== undefined) present.causationId = metadata.causationId;
  if (metadata.traceparent !== undefined) present.traceparent = metadata.traceparent;
  return canonicalJson(present);
}

/**
 * The exact bytes an event is hashed over: RFC 8785 JSON of
 * {data, eventId, metadata, orgId, personal, recordedAt, schemaVersion, streamId, streamRevision, type, v}.
 * Built by concatenation in JCS key order (the keys are fixed ASCII) so that `data` is serialised
 * once; a unit test holds it equal to canonicalize() of the whole object.
 */
export function canonicalEvent(fields: CanonicalEventFields): string {
  const personal = fields.personal === null ? 'null' : canonicalJson({ ...fields.personal });
  return (
    `{"data":${fields.canonicalData}` +
    `,"eventId":${JSON.stringify(fields.eventId)}` +
    `,"metadata":${canonicalMetadata(fields.metadata)}` +
    `,"orgId":${JSON.stringify(fields.orgId)}` +
    `,"personal":${personal}` +
    `,"recordedAt":${JSON.stringify(fields.recordedAt)}` +
    `,"schemaVersion":${fields.schemaVersion}` +
    `,"streamId":${JSON.stringify(fields.streamId)}` +
    `,"streamRevision":${fields.streamRevision}` +
    `,"type":${JSON.stringify(fields.type)}` +
    `,"v":${CANONICAL_FORMAT_VERSION}}`
  );
}

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ canonical bytes). */
export function leafHashOf(canonical: string | Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(canonical).digest();
}
