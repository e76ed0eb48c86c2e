import { canonicalJson, type JsonObject, type SequencedEvent } from '@ledger/ledger';
import { assertContractMessage } from '../testing/contractCheck';
import { eventMessage, storedEventMessage } from './eventMessage';

const sealed = { alg: 'A256GCM' as const, ct: 'Y2lwaGVy', iv: 'aXZpdml2aXZpdml2', tag: 'dGFndGFndGFndGFndGFndA==' };

function event(overrides: Partial<SequencedEvent> = {}): SequencedEvent {
  const base = {
    data: {
      documentId: 'd1',
      documentVersionId: 'd1:v1',
      version: 1,
      providerAccountId: 'account-1',
      messageId: 'msg-1',
      threadId: 'thread-1',
      internalDate: 1_735_787_045_678,
      historyId: '1001',
      sourceHash: 'ab'.repeat(32),
      contentLength: 120,
    },
    eventId: '0b7f6e0c-6a8e-4d59-9d4b-3f1c2a9e8d11',
    metadata: { actor: 'adv-1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    orgId: 'org-1',
    personal: sealed,
    recordedAt: '2025-01-02T03:04:05.678Z',
    schemaVersion: 1,
    streamId: 'evidence-doc-1',
    streamRevision: 4,
    type: 'DocumentIngested',
    v: 1,
  };
  return {
    position: 17,
    orgId: base.orgId,
    streamId: base.streamId,
    streamRevision: base.streamRevision,
    eventId: base.eventId,
    type: base.type,
    schemaVersion: base.schemaVersion,
    data: base.data,
    personal: null,
    personalState: 'withheld',
    metadata: base.metadata,
    recordedAt: base.recordedAt,
    leafHash: 'ab'.repeat(32),
    canonical: JSON.stringify(base),
    orgSeq: 9,
    logSeq: 41,
    ...overrides,
  };
}

describe('eventMessage', () => {
  it('keys by org and names the event in headers, with the trace context when there is one', () => {
    const message = eventMessage(event());
    expect(message.key).toBe('org-1');
    expect(message.headers).toEqual({
      'event-id': '0b7f6e0c-6a8e-4d59-9d4b-3f1c2a9e8d11',
      'event-type': 'DocumentIngested',
      'schema-version': '1',
      'org-id': 'org-1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    expect(eventMessage(event({ metadata: { actor: 'adv-1' } })).headers).not.toHaveProperty('traceparent');
  });

  it('carries every envelope field: the stored event without its format version, plus orgSeq', () => {
    const stored = event();
    const text = String(eventMessage(stored).value);
    assertContractMessage(text);
    const { v, ...storedFields } = JSON.parse(stored.canonical) as Record<string, unknown>;
    expect(v).toBe(1);
    expect(JSON.parse(text)).toEqual({ ...storedFields, orgSeq: 9 });
  });

  it('is the stored text byte for byte but for its last field, so a consumer can check it against the leaf hash', () => {
    const stored = event();
    const text = String(eventMessage(stored).value);
    expect(text.replace(/,"orgSeq":9}$/, ',"v":1}')).toBe(stored.canonical);
  });

  it('publishes the sealed personal part from the stored text even when the event was read decrypted', () => {
    const opened = event({ personal: { name: 'in clear' }, personalState: 'present' });
    const text = String(eventMessage(opened).value);
    expect(text).not.toContain('in clear');
    expect((JSON.parse(text) as { personal: unknown }).personal).toEqual(sealed);
  });

  it('has a null personal part when the event has none', () => {
    const stored = JSON.parse(event().canonical) as JsonObject;
    const canonical = canonicalJson({ ...stored, personal: null });
    expect(JSON.parse(String(eventMessage(event({ canonical, personalState: 'none' })).value))).toMatchObject({
      personal: null,
    });
  });

  it('refuses a stored text of another canonical format rather than publish a wrong envelope', () => {
    const canonical = event().canonical.replace(/,"v":1}$/, ',"v":2}');
    expect(() => eventMessage(event({ canonical }))).toThrow(
      'the event at log sequence 41 is not in canonical format 1',
    );
  });
});

describe('storedEventMessage', () => {
  it('builds from the stored columns the same message as from the parsed event', () => {
    const parsed = event();
    const stored = storedEventMessage({
      logSeq: parsed.logSeq,
      orgSeq: parsed.orgSeq,
      orgId: parsed.orgId,
      streamId: parsed.streamId,
      eventId: parsed.eventId,
      type: parsed.type,
      schemaVersion: parsed.schemaVersion,
      traceparent: parsed.metadata.traceparent ?? null,
      canonical: parsed.canonical,
    });
    expect(stored).toEqual(eventMessage(parsed));
  });
});
