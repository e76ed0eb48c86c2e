import type { SequencedEvent } from '@ledger/ledger';
import { assertContractMessage } from '../testing/contractCheck';
import { eventEnvelope, eventMessage } from './eventMessage';

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

  it('carries the envelope fields in their documented order, the position fields left out', () => {
    const text = String(eventMessage(event()).value);
    assertContractMessage(text);
    const value = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual([
      'eventId',
      'type',
      'schemaVersion',
      'orgId',
      'streamId',
      'streamRevision',
      'orgSeq',
      'recordedAt',
      'metadata',
      'data',
      'personal',
    ]);
    expect(value).toMatchObject({ orgSeq: 9, streamRevision: 4, personal: sealed });
  });

  it('publishes the sealed personal part from the stored text even when the event was read decrypted', () => {
    const opened = event({ personal: { name: 'in clear' }, personalState: 'present' });
    expect(eventEnvelope(opened).personal).toEqual(sealed);
    expect(String(eventMessage(opened).value)).not.toContain('in clear');
    expect(eventEnvelope(event({ personalState: 'erased' })).personal).toEqual(sealed);
  });

  it('has a null personal part when the event has none', () => {
    expect(eventEnvelope(event({ personalState: 'none' })).personal).toBeNull();
  });
});
