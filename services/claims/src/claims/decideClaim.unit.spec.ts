import { DEFAULT_CLAIMS_CONFIG } from '../config/claimsConfig';
import { FACTS, ORG } from '../testing/claimsFixtures';
import { CLAIM_ASSERTED, CLAIM_RETRACTED, CLAIM_SUPERSEDED, claimStreamId, type ClaimEvent } from './claimEvents';
import { foldClaim } from './claimState';
import { decideAssertClaim, decideRetractClaim, decideSupersedeClaim, type AssertClaim } from './decideClaim';

const holds: AssertClaim = {
  orgId: ORG,
  claimId: 'c-1',
  subjectEntityId: 'client-1',
  predicate: 'holdsAccount',
  object: { kind: 'entity', entityId: 'acct-1' },
  spanIds: ['span-1', 'span-2'],
};
const citation1 = { spanId: 'span-1', documentId: 'doc-1', documentVersionId: 'doc-1:v1', startChar: 0, endChar: 10 };
const citation2 = { spanId: 'span-2', documentId: 'doc-2', documentVersionId: 'doc-2:v1', startChar: 4, endChar: 19 };

/** Given past events of the claim's stream, when a claim is asserted, then these events. */
function assert(history: ClaimEvent[], command: AssertClaim): ClaimEvent[] {
  return decideAssertClaim(foldClaim(history), command, FACTS, DEFAULT_CLAIMS_CONFIG);
}

function rejects(decide: () => unknown, code: string, field: string): void {
  expect(decide).toThrow(expect.objectContaining({ code, details: expect.objectContaining({ field }) }));
}

describe('asserting a claim', () => {
  it('lives in a claim-<id> stream', () => {
    expect(claimStreamId('c-1')).toBe('claim-c-1');
  });

  it('given nothing, when a typed relation cites two spans, then ClaimAsserted pins both in order', () => {
    expect(assert([], holds)).toEqual([
      {
        type: CLAIM_ASSERTED,
        data: {
          claimId: 'c-1',
          subjectEntityId: 'client-1',
          predicate: 'holdsAccount',
          object: { kind: 'entity', entityId: 'acct-1' },
          citations: [citation1, citation2],
          supersedes: null,
        },
      },
    ]);
  });

  it('keeps a literal object out of the clear data: it is a claim statement', () => {
    const typed = {
      ...holds,
      subjectEntityId: 'acct-1',
      predicate: 'accountType',
      object: { kind: 'literal', value: 'IRA' },
    } as const;
    const [event] = assert([], typed);
    expect(event).toMatchObject({ data: { object: { kind: 'literal' } }, personal: { literal: 'IRA' } });
    expect(JSON.stringify(event.data)).not.toContain('IRA');
  });

  it.each([
    ['no citation', { spanIds: [] }, 'CLAIMS.CITATION_REQUIRED', 'spanIds'],
    ['a repeated citation', { spanIds: ['span-1', 'span-1'] }, 'CLAIMS.INVALID_FIELD', 'spanIds[1]'],
    ['a missing span', { spanIds: ['span-1', 'nope'] }, 'CLAIMS.SPAN_NOT_FOUND', 'spanIds[1]'],
    ["another org's span", { spanIds: ['span-foreign'] }, 'CLAIMS.SPAN_NOT_FOUND', 'spanIds[0]'],
    ['a span of a superseded version', { spanIds: ['span-old'] }, 'CLAIMS.STALE_CITATION', 'spanIds[0]'],
    ['an unknown predicate', { predicate: 'likes' }, 'CLAIMS.UNKNOWN_PREDICATE', 'predicate'],
    ['a missing subject', { subjectEntityId: 'ghost' }, 'CLAIMS.ENTITY_NOT_FOUND', 'subjectEntityId'],
    ["another org's subject", { subjectEntityId: 'client-foreign' }, 'CLAIMS.ENTITY_NOT_FOUND', 'subjectEntityId'],
    ['a subject of the wrong kind', { subjectEntityId: 'action-1' }, 'CLAIMS.INVALID_RELATION', 'subjectEntityId'],
    [
      'an object of the wrong kind',
      { object: { kind: 'entity', entityId: 'hh-1' } },
      'CLAIMS.INVALID_RELATION',
      'object.entityId',
    ],
    [
      'a literal where an entity is due',
      { object: { kind: 'literal', value: 'x' } },
      'CLAIMS.INVALID_RELATION',
      'object',
    ],
    ['an id unfit for a stream name', { claimId: '' }, 'CLAIMS.INVALID_FIELD', 'claimId'],
  ] as const)('refuses %s, naming the field', (_name, change, code, field) => {
    rejects(() => assert([], { ...holds, ...change } as AssertClaim), code, field);
  });

  it('refuses an entity where a literal is due, a blank literal and a self-relation', () => {
    const typed = { ...holds, subjectEntityId: 'acct-1', predicate: 'accountType' };
    rejects(() => assert([], typed), 'CLAIMS.INVALID_RELATION', 'object');
    rejects(
      () => assert([], { ...typed, object: { kind: 'literal', value: ' ' } }),
      'CLAIMS.INVALID_FIELD',
      'object.value',
    );
    rejects(
      () => assert([], { ...typed, object: { kind: 'literal', value: Number.NaN } }),
      'CLAIMS.INVALID_FIELD',
      'object.value',
    );
    const memberOfSelf = {
      ...holds,
      subjectEntityId: 'client-1',
      predicate: 'memberOf',
      object: { kind: 'entity', entityId: 'client-1' },
    } as const;
    rejects(() => assert([], memberOfSelf), 'CLAIMS.INVALID_RELATION', 'object.entityId');
  });

  it('refuses to assert the same claim id twice', () => {
    rejects(() => assert(assert([], holds), holds), 'CLAIMS.CLAIM_EXISTS', 'claimId');
  });
});

describe('retracting and superseding', () => {
  const asserted = assert([], holds);
  const replacement: AssertClaim = { ...holds, claimId: 'c-2', spanIds: ['span-2'] };

  it('given a current claim, when retracted with a reason, then ClaimRetracted; the assertion stays', () => {
    const events = decideRetractClaim(foldClaim(asserted), { claimId: 'c-1', reason: 'closed in 2024' });
    expect(events).toEqual([
      { type: CLAIM_RETRACTED, schemaVersion: 2, data: { claimId: 'c-1' }, personal: { reason: 'closed in 2024' } },
    ]);
    const state = foldClaim([...asserted, ...events]);
    expect(state).toMatchObject({ status: 'retracted', citations: [citation1, citation2] });
    rejects(
      () => decideRetractClaim(state, { claimId: 'c-1', reason: 'again' }),
      'CLAIMS.CLAIM_NOT_CURRENT',
      'claimId',
    );
  });

  it('refuses a retraction without a reason or of a claim that does not exist', () => {
    rejects(
      () => decideRetractClaim(foldClaim(asserted), { claimId: 'c-1', reason: '' }),
      'CLAIMS.INVALID_FIELD',
      'reason',
    );
    rejects(
      () => decideRetractClaim(foldClaim([]), { claimId: 'c-9', reason: 'r' }),
      'CLAIMS.CLAIM_NOT_FOUND',
      'claimId',
    );
  });

  it('given a current claim, when superseded, then the old stream says by whom and the new one says whom it replaces', () => {
    const decision = decideSupersedeClaim(
      foldClaim(asserted),
      foldClaim([]),
      { claimId: 'c-1', reason: 'account renumbered', replacement },
      FACTS,
      DEFAULT_CLAIMS_CONFIG,
    );
    expect(decision.superseded).toEqual([
      {
        type: CLAIM_SUPERSEDED,
        schemaVersion: 2,
        data: { claimId: 'c-1', supersededBy: 'c-2' },
        personal: { reason: 'account renumbered' },
      },
    ]);
    expect(decision.replacement).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ claimId: 'c-2', supersedes: 'c-1', citations: [citation2] }),
      }),
    ]);
    const old = foldClaim([...asserted, ...decision.superseded]);
    expect(old).toMatchObject({ status: 'superseded', supersededBy: 'c-2' });
  });

  it('refuses to supersede a claim that is no longer current, or with a replacement of another subject or itself', () => {
    const supersede = (history: ClaimEvent[], next: AssertClaim) =>
      decideSupersedeClaim(
        foldClaim(history),
        foldClaim([]),
        { claimId: 'c-1', reason: 'r', replacement: next },
        FACTS,
        DEFAULT_CLAIMS_CONFIG,
      );
    const retracted = [...asserted, ...decideRetractClaim(foldClaim(asserted), { claimId: 'c-1', reason: 'r' })];
    rejects(() => supersede(retracted, replacement), 'CLAIMS.CLAIM_NOT_CURRENT', 'claimId');
    rejects(
      () => supersede(asserted, { ...replacement, subjectEntityId: 'hh-1' }),
      'CLAIMS.INVALID_FIELD',
      'replacement.subjectEntityId',
    );
    rejects(
      () => supersede(asserted, { ...replacement, claimId: 'c-1' }),
      'CLAIMS.INVALID_FIELD',
      'replacement.claimId',
    );
    rejects(
      () => supersede(asserted, { ...replacement, spanIds: [] }),
      'CLAIMS.CITATION_REQUIRED',
      'replacement.spanIds',
    );
  });
});
