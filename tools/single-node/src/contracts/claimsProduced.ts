import {
  claimStreamId,
  decideAddMention,
  decideAssertClaim,
  decideCreateEntity,
  decideRetractClaim,
  decideRetractMention,
  decideSupersedeClaim,
  DEFAULT_CLAIMS_CONFIG,
  entityLookup,
  entityStreamId,
  foldClaim,
  foldEntity,
  spanLookup,
  type AssertClaim,
  type ClaimEvent,
  type ClaimFacts,
  type EntityEvent,
} from '@ledger/claims';
import { eventMetadata, type RequestContext } from '@ledger/tenancy';
import type { ProducedEvent } from './eventMessage';

function facts(orgId: string): ClaimFacts {
  const span = { orgId, documentId: 'doc-1', documentVersionId: 'doc-1:v1', startChar: 0, endChar: 10 };
  return {
    entities: entityLookup([
      { entityId: 'client-1', orgId, kind: 'Client' },
      { entityId: 'acct-1', orgId, kind: 'Account' },
    ]),
    spans: spanLookup([
      { ...span, spanId: 'span-1', versionIsCurrent: true },
      { ...span, spanId: 'span-2', startChar: 12, endChar: 20, versionIsCurrent: true },
    ]),
  };
}

/** An entity created, mentioned and its mention retracted, as the service decides them. */
function entityEvents(orgId: string): EntityEvent[] {
  const history: EntityEvent[] = [
    ...decideCreateEntity(
      foldEntity([]),
      { entityId: 'client-1', kind: 'Client', label: 'Avery Quinn' },
      DEFAULT_CLAIMS_CONFIG,
    ),
  ];
  const mention = { orgId, entityId: 'client-1', mentionId: 'm-1', spanId: 'span-1' };
  history.push(...decideAddMention(foldEntity(history), mention, facts(orgId).spans));
  history.push(
    ...decideRetractMention(foldEntity(history), { entityId: 'client-1', mentionId: 'm-1', reason: 'wrong person' }),
  );
  return history;
}

/** Claims with an entity and a literal object, one superseded and one retracted. */
function claimEvents(orgId: string): { claimId: string; events: ClaimEvent[] }[] {
  const given = facts(orgId);
  const holds: AssertClaim = {
    orgId,
    claimId: 'c-1',
    subjectEntityId: 'client-1',
    predicate: 'holdsAccount',
    object: { kind: 'entity', entityId: 'acct-1' },
    spanIds: ['span-1'],
  };
  const asserted = decideAssertClaim(foldClaim([]), holds, given, DEFAULT_CLAIMS_CONFIG);
  const prefers: AssertClaim = {
    ...holds,
    claimId: 'c-2',
    predicate: 'statedPreference',
    object: { kind: 'literal', value: 'low risk' },
    spanIds: ['span-1', 'span-2'],
  };
  const literal = decideAssertClaim(foldClaim([]), prefers, given, DEFAULT_CLAIMS_CONFIG);
  const replacement = { ...prefers, claimId: 'c-3', object: { kind: 'literal' as const, value: 'moderate risk' } };
  const command = { claimId: 'c-2', reason: 'client corrected it', replacement };
  const superseded = decideSupersedeClaim(foldClaim(literal), foldClaim([]), command, given, DEFAULT_CLAIMS_CONFIG);
  const retracted = decideRetractClaim(foldClaim(asserted), { claimId: 'c-1', reason: 'account closed' });
  return [
    { claimId: 'c-1', events: [...asserted, ...retracted] },
    { claimId: 'c-2', events: [...literal, ...superseded.superseded] },
    { claimId: 'c-3', events: superseded.replacement },
  ];
}

export function claimsEvents(ctx: RequestContext): ProducedEvent[] {
  const metadata = eventMetadata(ctx);
  return [
    ...entityEvents(ctx.orgId).map((event) => ({ streamId: entityStreamId('client-1'), ...event, metadata })),
    ...claimEvents(ctx.orgId).flatMap(({ claimId, events }) =>
      events.map((event) => ({ streamId: claimStreamId(claimId), ...event, metadata })),
    ),
  ];
}
