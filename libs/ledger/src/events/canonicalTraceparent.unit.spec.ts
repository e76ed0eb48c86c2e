import type { JsonObject } from './types';
import { canonicalEvent, canonicalJson, type PersonalEnvelope } from './canonicalEvent';
import { canonicalTraceparent } from './canonicalTraceparent';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const sealed: PersonalEnvelope = { alg: 'A256GCM', iv: 'aXZpdml2aXZp', ct: 'Y2lwaGVy', tag: 'dGFndGFndGFn' };

/** Data that holds the keys and the key patterns the reader looks for, as keys and inside strings. */
const tricky: JsonObject[] = [
  {},
  { orgId: 'x', metadata: { traceparent: 'not-this-one' }, traceparent: 'nor-this' },
  { a: ',"orgId":"fake","metadata":{"traceparent":"fake"}', z: '\\"}' },
  { nested: { deeper: { orgId: 'x', metadata: {} } }, list: [{ traceparent: 'no' }, ',"traceparent":"'] },
  { quote: '"', backslash: '\\', unicode: 'é ✓ 💡', control: '\n\t' },
];

const metadatas = [
  { actor: 'u1' },
  { actor: 'u1', traceparent: TRACEPARENT },
  { actor: 'a "quoted" \\ actor', correlationId: 'c-1', causationId: 'k-1', traceparent: TRACEPARENT },
  { actor: ',"traceparent":"x"}', correlationId: ',"orgId":' },
];

describe('canonicalTraceparent', () => {
  it('finds what a full parse finds, whatever the data and metadata hold', () => {
    let cases = 0;
    for (const data of tricky) {
      for (const metadata of metadatas) {
        for (const personal of [null, sealed]) {
          const canonical = canonicalEvent({
            eventId: '0b7f6e0c-6a8e-4d59-9d4b-3f1c2a9e8d11',
            orgId: 'org-1',
            streamId: 'evidence-doc-1',
            streamRevision: 3,
            type: 'DocumentIngested',
            schemaVersion: 1,
            canonicalData: canonicalJson(data),
            personal,
            metadata,
            recordedAt: '2025-01-02T03:04:05.678Z',
          });
          const expected = (JSON.parse(canonical) as { metadata: { traceparent?: string } }).metadata.traceparent;
          expect([metadata, canonicalTraceparent(canonical)]).toEqual([metadata, expected ?? null]);
          cases += 1;
        }
      }
    }
    expect(cases).toBe(tricky.length * metadatas.length * 2);
  });

  it('reads a text of another format by parsing it', () => {
    const other = JSON.stringify({ metadata: { actor: 'u', traceparent: TRACEPARENT }, orgId: 'o', v: 2 });
    expect(canonicalTraceparent(other)).toBe(TRACEPARENT);
    expect(canonicalTraceparent(JSON.stringify({ metadata: { actor: 'u' }, v: 2 }))).toBeNull();
  });
});
