import type { JsonObject } from '@ledger/ledger';
import { ClientStreamFinder } from './clientStreams';

const span = (documentId: string) => ({ spanId: `s-${documentId}`, documentId, documentVersionId: `${documentId}:v1` });

function find(entityId: string, events: [string, string, JsonObject][]): { found: boolean; streams: string[] } {
  const finder = new ClientStreamFinder(entityId);
  for (const [type, streamId, data] of events) finder.add({ type, streamId, data });
  return { found: finder.entityFound, streams: finder.result() };
}

describe('ClientStreamFinder', () => {
  it('follows the entity, its mentions, claims about it as subject or object, briefs for it, and the documents they cite', () => {
    const result = find('e1', [
      ['DocumentIngested', 'evidence-d1', { documentId: 'd1' }],
      ['DocumentVersionAdded', 'evidence-d1', { documentId: 'd1' }],
      ['SpanPinned', 'evidence-d2', { ...span('d2') }],
      ['DocumentIngested', 'evidence-d3', { documentId: 'd3' }],
      ['DocumentIngested', 'evidence-d4', { documentId: 'd4' }],
      ['DocumentIngested', 'evidence-d9', { documentId: 'd9' }],
      ['EntityCreated', 'entity-e1', { entityId: 'e1', kind: 'Person' }],
      ['MentionAdded', 'entity-e1', { entityId: 'e1', mentionId: 'm1', span: span('d1') }],
      ['ClaimAsserted', 'claim-c1', { claimId: 'c1', subjectEntityId: 'e1', citations: [span('d2')] }],
      [
        'ClaimAsserted',
        'claim-c2',
        { claimId: 'c2', subjectEntityId: 'e2', object: { entityId: 'e1' }, citations: [span('d4')] },
      ],
      ['ClaimSuperseded', 'claim-c1', { claimId: 'c1', supersededBy: 'c3' }],
      [
        'BriefComposed',
        'brief-b1',
        { briefId: 'b1', subject: { entityId: 'e1' }, sources: { documentVersions: [{ documentId: 'd3' }] } },
      ],
      // Another client's records, and access records naming the entity's ids, are left alone.
      ['EntityCreated', 'entity-e2', { entityId: 'e2', kind: 'Person' }],
      ['ClaimAsserted', 'claim-c9', { claimId: 'c9', subjectEntityId: 'e2', citations: [span('d9')] }],
      ['BriefViewed', 'meeting-prep-access-2026-12-08', { briefId: 'b1' }],
    ]);
    expect(result).toEqual({
      found: true,
      streams: [
        'brief-b1',
        'claim-c1',
        'claim-c2',
        'entity-e1',
        'evidence-d1',
        'evidence-d2',
        'evidence-d3',
        'evidence-d4',
      ],
    });
  });

  it('finds documents cited before they were ingested in the feed, and ignores malformed clear payloads', () => {
    const result = find('e1', [
      ['EntityCreated', 'entity-e1', { entityId: 'e1' }],
      ['MentionAdded', 'entity-e1', { entityId: 'e1', span: span('d5') }],
      ['ClaimAsserted', 'claim-c1', { subjectEntityId: 'e1', citations: 'not a list' }],
      ['BriefComposed', 'brief-b1', { subject: { entityId: 'e1' }, sources: null }],
      ['DocumentIngested', 'evidence-d5', { documentId: 'd5' }],
    ]);
    expect(result.streams).toEqual(['brief-b1', 'claim-c1', 'entity-e1', 'evidence-d5']);
  });

  it('reports an entity the org does not have', () => {
    expect(find('e7', [['EntityCreated', 'entity-e1', { entityId: 'e1' }]])).toEqual({ found: false, streams: [] });
  });
});
