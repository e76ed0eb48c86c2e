import { entityLookup, type EntityFact } from '../claims/checkRelation';
import type { ClaimFacts } from '../claims/decideClaim';
import { spanLookup, type SpanFact } from '../spans/spanReference';

/** Test fixtures: one org's household, client, account and action item, and spans of two documents. */
export const ORG = 'org-1';
export const OTHER_ORG = 'org-2';

export function span(spanId: string, overrides: Partial<SpanFact> = {}): SpanFact {
  return {
    spanId,
    orgId: ORG,
    documentId: 'doc-1',
    documentVersionId: 'doc-1:v1',
    startChar: 0,
    endChar: 10,
    versionIsCurrent: true,
    ...overrides,
  };
}

export const SPANS: SpanFact[] = [
  span('span-1'),
  span('span-2', { documentId: 'doc-2', documentVersionId: 'doc-2:v1', startChar: 4, endChar: 19 }),
  span('span-old', { documentVersionId: 'doc-1:v0', versionIsCurrent: false }),
  span('span-foreign', { orgId: OTHER_ORG }),
];

export const ENTITIES: EntityFact[] = [
  { entityId: 'hh-1', orgId: ORG, kind: 'Household' },
  { entityId: 'client-1', orgId: ORG, kind: 'Client' },
  { entityId: 'acct-1', orgId: ORG, kind: 'Account' },
  { entityId: 'action-1', orgId: ORG, kind: 'ActionItem' },
  { entityId: 'client-foreign', orgId: OTHER_ORG, kind: 'Client' },
];

export const FACTS: ClaimFacts = { entities: entityLookup(ENTITIES), spans: spanLookup(SPANS) };
