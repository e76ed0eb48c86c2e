import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { canonicalEvent, canonicalJson, leafHashOf, type CanonicalEventFields } from './canonicalEvent';

const fields: CanonicalEventFields = {
  eventId: '6f1c1a3e-6f5b-4bb1-9a53-0d3f1f5f0a11',
  orgId: 'org-1',
  streamId: 'claim-42',
  streamRevision: 7,
  type: 'ClaimAsserted',
  schemaVersion: 2,
  canonicalData: canonicalJson({ z: 1, a: [true, null, 'é'], n: 1e21, f: 0.1 }),
  personal: { alg: 'A256GCM', iv: 'aXY=', ct: 'Y3Q=', tag: 'dGFn' },
  metadata: {
    actor: 'user-9',
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    correlationId: 'c-1',
  },
  recordedAt: '2026-11-25T10:00:00.000Z',
};

describe('canonicalEvent', () => {
  it('equals RFC 8785 serialisation of the whole event object', () => {
    const whole = {
      v: 1,
      type: fields.type,
      streamRevision: fields.streamRevision,
      streamId: fields.streamId,
      schemaVersion: fields.schemaVersion,
      recordedAt: fields.recordedAt,
      personal: fields.personal,
      orgId: fields.orgId,
      metadata: fields.metadata,
      eventId: fields.eventId,
      data: JSON.parse(fields.canonicalData),
    };
    expect(canonicalEvent(fields)).toBe(canonicalize(whole));
  });

  it('serialises a missing personal part as null and drops absent metadata keys', () => {
    const text = canonicalEvent({ ...fields, personal: null, metadata: { actor: 'a' } });
    expect(text).toContain('"personal":null');
    expect(text).toContain('"metadata":{"actor":"a"}');
  });

  it('follows RFC 8785 number and key ordering rules', () => {
    expect(canonicalJson({ b: 1e21, a: 1.5e-7, c: -0 })).toBe('{"a":1.5e-7,"b":1e+21,"c":0}');
  });

  it('hashes a leaf as SHA-256 over 0x00 followed by the bytes', () => {
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from([0]), Buffer.from('{}')]))
      .digest('hex');
    expect(leafHashOf('{}').toString('hex')).toBe(expected);
    // RFC 6962 test vector: the leaf hash of the empty input.
    expect(leafHashOf(new Uint8Array()).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
  });
});
