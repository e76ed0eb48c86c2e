import { allEventTypes, ENVELOPE_SCHEMA_FILE, eventSchemaFile, schemaVersionsOf } from './eventCatalog';
import { eventMessageHeaders, eventMessageKey, type EventEnvelope } from './eventEnvelope';
import { assertValidEventMessage, createEventValidator } from './eventValidator';
import { loadSchemaFiles, SCHEMA_BASE_URI } from './schemaFiles';

const tolerant = createEventValidator();
const closed = createEventValidator({ closed: true });
const sealed = { alg: 'A256GCM', iv: 'AAAAAAAAAAAAAAAA', ct: 'q83v', tag: 'AAAAAAAAAAAAAAAAAAAAAA==' } as const;

function message(overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  return {
    eventId: '0b8f3c2e-5d41-4c1a-9e7f-2a6b8c9d0e1f',
    type: 'DocumentTombstoned',
    schemaVersion: 1,
    orgId: 'org-1',
    streamId: 'evidence-doc-1',
    streamRevision: 3,
    orgSeq: 41,
    recordedAt: '2026-03-01T10:15:00.123Z',
    metadata: { actor: 'user-1', correlationId: 'req-1', traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` },
    data: { documentId: 'doc-1', reason: 'deleted_by_user' },
    personal: null,
    ...overrides,
  };
}

function errorsOf(value: unknown, validator = tolerant): string[] {
  const result = validator.validate(value);
  return result.ok ? [] : result.errors;
}

describe('the event schemas', () => {
  const schemas = loadSchemaFiles();

  const versions = allEventTypes().flatMap((type) => schemaVersionsOf(type).map((version) => [type, version] as const));

  it('are one file per catalogued event type and version, plus the envelope, and nothing else', () => {
    const expected = [
      ENVELOPE_SCHEMA_FILE,
      ...versions.map(([type, version]) => eventSchemaFile(type, version)),
    ].sort();
    expect([...schemas.keys()]).toEqual(expected);
  });

  it.each(versions)('%s v%i: names itself by $id, type and version, and extends the envelope', (type, version) => {
    const schema = schemas.get(eventSchemaFile(type, version)) as Record<string, any>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(SCHEMA_BASE_URI + eventSchemaFile(type, version));
    expect(schema.allOf).toEqual([{ $ref: ENVELOPE_SCHEMA_FILE }]);
    expect(schema.properties.type).toEqual({ const: type });
    expect(schema.properties.schemaVersion).toEqual({ const: version });
    expect(schema.properties.data.type).toBe('object');
  });
});

describe('validating a message', () => {
  it('accepts a well-formed one, tolerantly and closed', () => {
    expect(errorsOf(message())).toEqual([]);
    expect(errorsOf(message(), closed)).toEqual([]);
  });

  it('lets consumers read fields added later, while a producer test refuses undeclared ones', () => {
    const extended = message({ data: { documentId: 'doc-1', reason: 'deleted_by_user', note: 'x' } });
    expect(errorsOf(extended)).toEqual([]);
    expect(errorsOf(extended, closed)).toEqual([expect.stringContaining('/data must NOT have unevaluated properties')]);
    const envelopeExtra = { ...message(), partition: 0 };
    expect(errorsOf(envelopeExtra, closed)).toEqual([expect.stringContaining('must NOT have unevaluated properties')]);
  });

  it('refuses a missing required field, a wrong type and a value outside the vocabulary', () => {
    expect(errorsOf(message({ data: { reason: 'deleted_by_user' } }))).toContain(
      "/data must have required property 'documentId'",
    );
    expect(errorsOf(message({ orgSeq: '41' as unknown as number }))).toContain('/orgSeq must be integer');
    expect(errorsOf(message({ data: { documentId: 'doc-1', reason: 'free text' } }))).toContain(
      '/data/reason must be equal to one of the allowed values',
    );
  });

  it('refuses envelope fields out of format: event id, time, trace context, stream of another service', () => {
    expect(errorsOf(message({ eventId: 'not-a-uuid' }))).toEqual(
      expect.arrayContaining(['/eventId must match format "uuid"']),
    );
    expect(errorsOf(message({ recordedAt: 'yesterday' }))).toContain('/recordedAt must match format "date-time"');
    expect(errorsOf(message({ metadata: { actor: 'u', traceparent: 'x' } }))[0]).toMatch(/^\/metadata\/traceparent/);
    expect(errorsOf(message({ streamId: 'claim-doc-1' }))[0]).toMatch(/^\/streamId must match pattern "\^evidence-"/);
  });

  it('keeps the personal part to ciphertext, and to the event types that have one', () => {
    expect(errorsOf(message({ personal: sealed }))).toContain('/personal must be null');
    const pinned = message({
      type: 'SpanPinned',
      data: { spanId: 's-1', documentId: 'doc-1', documentVersionId: 'doc-1:v1', startChar: 0, endChar: 4 },
      personal: sealed,
    });
    expect(errorsOf(pinned, closed)).toEqual([]);
    expect(errorsOf({ ...pinned, personal: { text: 'clear text' } })).toEqual(
      expect.arrayContaining(["/personal must have required property 'ct'"]),
    );
    expect(errorsOf({ ...pinned, personal: null })).toContain('/personal must be object');
  });

  it('ties a claim literal to a sealed part, and an entity object to none', () => {
    const claim = (kind: 'entity' | 'literal', personal: EventEnvelope['personal']) =>
      message({
        type: 'ClaimAsserted',
        streamId: 'claim-c-1',
        data: {
          claimId: 'c-1',
          subjectEntityId: 'client-1',
          predicate: kind === 'entity' ? 'holdsAccount' : 'status',
          object: kind === 'entity' ? { kind, entityId: 'acct-1' } : { kind },
          citations: [{ spanId: 's-1', documentId: 'doc-1', documentVersionId: 'doc-1:v1', startChar: 0, endChar: 4 }],
          supersedes: null,
        },
        personal,
      });
    expect(errorsOf(claim('entity', null), closed)).toEqual([]);
    expect(errorsOf(claim('literal', sealed), closed)).toEqual([]);
    expect(errorsOf(claim('literal', null))).not.toEqual([]);
    expect(errorsOf(claim('entity', sealed))).not.toEqual([]);
  });

  it('reads a type it has no schema for as an envelope, unless closed, where it names it', () => {
    const newer = message({ type: 'DocumentArchived', data: { documentId: 'doc-1' } });
    expect(errorsOf(newer)).toEqual([]);
    expect(errorsOf({ ...newer, orgSeq: -1 })).toEqual(['/orgSeq must be >= 0']);
    expect(errorsOf(newer, closed)).toEqual(['/type no schema for DocumentArchived v1']);
    expect(errorsOf(message({ schemaVersion: 2 }), closed)).toEqual(['/type no schema for DocumentTombstoned v2']);
    expect(errorsOf('not an object')).toHaveLength(1);
  });

  it('answers with every violation in one line too, and throws with all of them when asserting', () => {
    expect(tolerant.validate(message({ data: { reason: 'deleted_by_user' }, orgSeq: -1 }))).toEqual({
      ok: false,
      error: "/orgSeq must be >= 0; /data must have required property 'documentId'",
      errors: ['/orgSeq must be >= 0', "/data must have required property 'documentId'"],
    });
    expect(() => assertValidEventMessage(tolerant, message({ data: {} }))).toThrow(
      /DocumentTombstoned breaks its schema:\n {2}\/data must have required property 'documentId'/,
    );
  });
});

describe('the Kafka message around the value', () => {
  it('is keyed by org and carries the id, type, version, org and trace context as headers', () => {
    const value = message();
    expect(eventMessageKey(value)).toBe('org-1');
    expect(eventMessageHeaders(value)).toEqual({
      'event-id': value.eventId,
      'event-type': 'DocumentTombstoned',
      'schema-version': '1',
      'org-id': 'org-1',
      traceparent: value.metadata.traceparent,
    });
    expect(eventMessageHeaders(message({ metadata: { actor: 'u' } }))).not.toHaveProperty('traceparent');
  });
});
