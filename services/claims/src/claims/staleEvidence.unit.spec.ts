import { staleEvidence } from './staleEvidence';

const a = { spanId: 's-a', documentId: 'doc-a', documentVersionId: 'doc-a:v1', startChar: 0, endChar: 4 };
const b = { spanId: 's-b', documentId: 'doc-b', documentVersionId: 'doc-b:v2', startChar: 5, endChar: 9 };

describe('stale evidence', () => {
  it('is not stale while every cited version is its document’s latest', () => {
    const latest = new Map([
      ['doc-a', 'doc-a:v1'],
      ['doc-b', 'doc-b:v2'],
    ]);
    expect(staleEvidence([a, b], latest)).toEqual({ stale: false, staleSpanIds: [] });
  });

  it('flags the spans pinned to a superseded version', () => {
    const latest = new Map([
      ['doc-a', 'doc-a:v2'],
      ['doc-b', 'doc-b:v2'],
    ]);
    expect(staleEvidence([a, b], latest)).toEqual({ stale: true, staleSpanIds: ['s-a'] });
  });

  it('flags a document with no known latest version', () => {
    expect(staleEvidence([a, b], new Map([['doc-b', 'doc-b:v2']]))).toEqual({ stale: true, staleSpanIds: ['s-a'] });
  });
});
