import { DLQ_HEADER, dlqTopicFor, withDlqHeaders, withoutDlqHeaders } from './dlqHeaders';

describe('DLQ headers', () => {
  const origin = { topic: 'todox.evidence.events.v1', partition: 2, offset: '41' };
  const at = new Date('2025-01-02T03:04:05.678Z');

  it('keeps the original headers and adds where, when and why', () => {
    const headers = withDlqHeaders(
      { 'event-id': Buffer.from('e-1'), 'org-id': 'org-a' },
      { code: 'org-mismatch', message: 'why' },
      origin,
      at,
    );
    expect(headers).toEqual({
      'event-id': Buffer.from('e-1'),
      'org-id': 'org-a',
      [DLQ_HEADER.errorCode]: 'org-mismatch',
      [DLQ_HEADER.errorMessage]: 'why',
      [DLQ_HEADER.originalTopic]: 'todox.evidence.events.v1',
      [DLQ_HEADER.originalPartition]: '2',
      [DLQ_HEADER.originalOffset]: '41',
      [DLQ_HEADER.failedAt]: '2025-01-02T03:04:05.678Z',
    });
  });

  it('replaces the headers of an earlier dead-lettering and strips them all for a replay', () => {
    const first = withDlqHeaders({ 'org-id': 'org-a' }, { code: 'handler-failed', message: 'first' }, origin, at);
    const second = withDlqHeaders(first, { code: 'invalid-envelope', message: 'x'.repeat(2000) }, origin, at);
    expect(second[DLQ_HEADER.errorCode]).toBe('invalid-envelope');
    expect(String(second[DLQ_HEADER.errorMessage])).toHaveLength(500);
    expect(withoutDlqHeaders(second)).toEqual({ 'org-id': 'org-a' });
    expect(withoutDlqHeaders(undefined)).toEqual({});
  });

  it('names the DLQ after the topic', () => {
    expect(dlqTopicFor('todox.claims.events.v1')).toBe('todox.claims.events.v1.dlq');
  });
});
