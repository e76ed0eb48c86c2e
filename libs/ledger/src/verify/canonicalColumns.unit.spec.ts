import { canonicalEvent, canonicalJson, leafHashOf, type CanonicalEventFields } from '../events/canonicalEvent';
import { CanonicalColumns } from './canonicalColumns';
import { eventCopyStream, parseEventStream, type EventColumns } from './testing/binaryTuples';

const ORG = 'org-1';
const fields: CanonicalEventFields = {
  eventId: '6f1c1a3e-6f5b-4bb1-9a53-0d3f1f5f0a11',
  orgId: ORG,
  streamId: 'claim-42',
  streamRevision: 1207,
  type: 'ClaimAsserted',
  schemaVersion: 2,
  // Data that holds every key of the envelope, to show it cannot be mistaken for them.
  canonicalData: canonicalJson({
    eventId: 'x',
    metadata: { actor: 'mallory' },
    note: '","type":"Other","v":1}',
    type: 'Other',
    é: 'ü',
  }),
  personal: null,
  metadata: { actor: 'user-9' },
  recordedAt: '2026-11-25T10:00:00.123Z',
};

function columnsOf(event: CanonicalEventFields, canonical = canonicalEvent(event)): EventColumns {
  return {
    position: 1,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    actor: event.metadata.actor,
    recordedUs: Date.parse(event.recordedAt) * 1000,
    canonical,
    leafHash: leafHashOf(canonical),
  };
}

function matches(row: EventColumns, orgId = ORG): boolean {
  const [tuple] = parseEventStream(eventCopyStream([row]));
  return new CanonicalColumns(orgId).matches(tuple.bytes, tuple.bounds);
}

describe('CanonicalColumns', () => {
  it('accepts the columns of an event as appended, whatever its data, metadata and personal part', () => {
    expect(matches(columnsOf(fields))).toBe(true);
    const sealed = { alg: 'A256GCM' as const, iv: 'aXY=', ct: 'Y3Q+/w==', tag: 'dGFn' };
    const metadata = { actor: 'user-9', correlationId: '{"actor":"x"}', traceparent: '00-0af7-b7ad-01' };
    expect(matches(columnsOf({ ...fields, personal: sealed, metadata }))).toBe(true);
    expect(matches(columnsOf({ ...fields, streamRevision: 0, schemaVersion: 10, streamId: 'é/ü' }))).toBe(true);
  });

  it('reads the event id in either case, as the full check does', () => {
    const canonical = canonicalEvent({ ...fields, eventId: fields.eventId.toUpperCase() });
    expect(matches({ ...columnsOf(fields), canonical })).toBe(true);
  });

  it.each<[string, Partial<EventColumns>]>([
    ['type, same length', { type: 'ClaimAsserteX' }],
    ['type, shorter', { type: 'Asserted' }],
    ['type, longer', { type: 'XClaimAsserted' }],
    ['stream id', { streamId: 'claim-4' }],
    ['stream revision, fewer digits', { streamRevision: 207 }],
    ['stream revision, more digits', { streamRevision: 11207 }],
    ['schema version', { schemaVersion: 1 }],
    ['actor, shorter', { actor: 'user-' }],
    ['actor, longer', { actor: 'user-99' }],
    ['event id', { eventId: '6f1c1a3e-6f5b-4bb1-9a53-0d3f1f5f0a12' }],
    ['recorded at, a millisecond off', { recordedUs: (Date.parse(fields.recordedAt) + 1) * 1000 }],
    ['recorded at, below a millisecond', { recordedUs: Date.parse(fields.recordedAt) * 1000 + 1 }],
  ])('rejects a changed column: %s', (_, change) => {
    expect(matches({ ...columnsOf(fields), ...change })).toBe(false);
  });

  it('rejects another org, and a value that only its escaped form could match', () => {
    expect(matches(columnsOf(fields), 'org-2')).toBe(false);
    // The text holds "a\"b" (a, quote, b); a column of b alone ends at the same byte.
    const quoted = { ...fields, type: 'a"b' };
    expect(matches({ ...columnsOf(quoted), type: 'b' })).toBe(false);
    expect(matches({ ...columnsOf(quoted), type: 'a\\"b' })).toBe(false);
    // Needing escapes, the true value is left to the full check.
    expect(matches(columnsOf(quoted))).toBe(false);
  });

  it('rejects text in another shape', () => {
    const other = canonicalEvent(fields).replace(/,"v":1}$/, ',"v":2}');
    expect(matches({ ...columnsOf(fields), canonical: other })).toBe(false);
    expect(
      matches({ ...columnsOf(fields), canonical: JSON.stringify(JSON.parse(canonicalEvent(fields)), null, 1) }),
    ).toBe(false);
  });
});
