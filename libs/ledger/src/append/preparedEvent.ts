import { createHash, randomUUID } from 'node:crypto';
import { LedgerValidationError } from '../errors/ledgerError';
import { encryptPersonal, personalMac } from '../crypto/personalCipher';
import { canonicalEvent, canonicalJson, leafHashOf, type PersonalEnvelope } from '../events/canonicalEvent';
import type { AppendRequest, EventMetadata } from '../events/types';

export const MAX_EVENT_BYTES = 1024 * 1024;

/** An event validated, serialised and encrypted: everything but its stream revision. */
export interface PreparedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  canonicalData: string;
  personal: PersonalEnvelope | null;
  metadata: EventMetadata;
  contentDigest: Buffer;
}

/** A row ready to insert once the stream revision is known. */
export interface EventRow {
  prepared: PreparedEvent;
  streamRevision: number;
  canonical: string;
  leafHash: Buffer;
}

function tooLarge(index: number): LedgerValidationError {
  return new LedgerValidationError(
    `events[${index}]`,
    `must serialise to at most ${MAX_EVENT_BYTES} bytes`,
    'LEDGER.EVENT_TOO_LARGE',
  );
}

/**
 * The identity an idempotent retry must match: org, stream, type, version, data and a keyed
 * digest of the personal part. Metadata is left out because a retry carries a new traceparent.
 */
function contentDigest(request: AppendRequest, type: string, version: number, data: string, mac: string): Buffer {
  return createHash('sha256')
    .update(`${request.orgId}\n${request.streamId}\n${type}\n${version}\n${data}\n${mac}`)
    .digest();
}

export function prepareEvents(request: AppendRequest, dataKey: Buffer | null): PreparedEvent[] {
  return request.events.map((event, index) => {
    const eventId = (event.eventId ?? randomUUID()).toLowerCase();
    const schemaVersion = event.schemaVersion ?? 1;
    const canonicalData = canonicalJson(event.data);
    if (Buffer.byteLength(canonicalData) > MAX_EVENT_BYTES) throw tooLarge(index);
    let personal: PersonalEnvelope | null = null;
    let mac = '';
    if (event.personal !== undefined) {
      if (dataKey === null) throw new Error('a data key is required for personal data');
      const canonicalPersonal = canonicalJson(event.personal);
      if (Buffer.byteLength(canonicalPersonal) > MAX_EVENT_BYTES) throw tooLarge(index);
      personal = encryptPersonal(dataKey, eventId, canonicalPersonal);
      mac = personalMac(dataKey, canonicalPersonal);
    }
    return {
      eventId,
      type: event.type,
      schemaVersion,
      canonicalData,
      personal,
      metadata: event.metadata,
      contentDigest: contentDigest(request, event.type, schemaVersion, canonicalData, mac),
    };
  });
}

export function buildRows(
  request: AppendRequest,
  events: PreparedEvent[],
  previousRevision: number,
  recordedAt: string,
): EventRow[] {
  return events.map((prepared, index) => {
    const streamRevision = previousRevision + 1 + index;
    const canonical = canonicalEvent({
      eventId: prepared.eventId,
      orgId: request.orgId,
      streamId: request.streamId,
      streamRevision,
      type: prepared.type,
      schemaVersion: prepared.schemaVersion,
      canonicalData: prepared.canonicalData,
      personal: prepared.personal,
      metadata: prepared.metadata,
      recordedAt,
    });
    if (Buffer.byteLength(canonical) > MAX_EVENT_BYTES) throw tooLarge(index);
    return { prepared, streamRevision, canonical, leafHash: leafHashOf(canonical) };
  });
}
