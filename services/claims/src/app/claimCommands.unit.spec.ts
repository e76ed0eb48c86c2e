import { inMemoryCommands, type InMemoryCommands } from '../testing/inMemoryCommands';
import { assertClaim } from '../assert-claim/assertClaim.handler';
import { retractClaim } from '../retract-claim/retractClaim.handler';
import { supersedeClaim } from '../supersede-claim/supersedeClaim.handler';
import type { AssertClaimInput } from './claimsInputs';

const citation1 = { spanId: 'span-1', documentId: 'doc-1', documentVersionId: 'doc-1:v1', startChar: 0, endChar: 10 };
const holds: AssertClaimInput = {
  claimId: 'c-1',
  subjectEntityId: 'client-1',
  predicate: 'holdsAccount',
  object: { kind: 'entity', entityId: 'acct-1' },
  spanIds: ['span-1'],
};
const asserted = {
  type: 'ClaimAsserted',
  data: {
    claimId: 'c-1',
    subjectEntityId: 'client-1',
    predicate: 'holdsAccount',
    object: { kind: 'entity', entityId: 'acct-1' },
    citations: [citation1],
    supersedes: null,
  },
};
const replacement = { claimId: 'c-2', predicate: 'holdsAccount', object: holds.object, spanIds: ['span-2'] };

describe('claim commands (in memory)', () => {
  let t: InMemoryCommands;
  const types = async (claimId: string) => (await t.events(`claim-${claimId}`)).map((e) => e.type);
  beforeEach(() => {
    t = inMemoryCommands();
  });

  it('asserts a relation citing the span as evidence knows it', async () => {
    expect(await assertClaim(t.deps, t.ctx, holds)).toEqual({ claimId: 'c-1', status: 'current', revision: 0 });
    const [event] = await t.events('claim-c-1');
    expect(event).toMatchObject(asserted);
    expect(t.waited).toEqual([[event.position]]);
  });

  it('keeps a literal object in the personal part', async () => {
    const literal = {
      ...holds,
      predicate: 'statedPreference',
      object: { kind: 'literal' as const, value: 'low risk' },
    };
    await assertClaim(t.deps, t.ctx, literal);
    const [event] = await t.events('claim-c-1');
    expect(event).toMatchObject({ data: { object: { kind: 'literal' } }, personal: { literal: 'low risk' } });
    expect(event.canonical).not.toContain('low risk');
  });

  it.each([
    ['an existing claim id', { claimId: 'c-1' }, 'CLAIMS.CLAIM_EXISTS'],
    ['a stale citation', { spanIds: ['span-old'] }, 'CLAIMS.STALE_CITATION'],
    ["another org's entity", { subjectEntityId: 'client-foreign' }, 'CLAIMS.ENTITY_NOT_FOUND'],
    ['no citation', { spanIds: [] }, 'CLAIMS.CITATION_REQUIRED'],
  ])('refuses %s and appends nothing', async (_case, overrides, code) => {
    await t.given('claim-c-1', [asserted]);
    await expect(assertClaim(t.deps, t.ctx, { ...holds, claimId: 'c-9', ...overrides })).rejects.toMatchObject({
      code,
    });
    expect(await t.store.countEvents('org-1')).toBe(1);
  });

  it('supersedes: ClaimSuperseded on the old claim, the replacement asserted, one wait for both', async () => {
    await t.given('claim-c-1', [asserted]);
    const receipt = await supersedeClaim(t.deps, t.ctx, 'c-1', { reason: 'corrected', replacement });
    expect(receipt).toEqual({
      claimId: 'c-1',
      status: 'superseded',
      revision: 1,
      supersededBy: 'c-2',
      replacement: { claimId: 'c-2', status: 'current', revision: 0 },
    });
    const [, superseded] = await t.events('claim-c-1');
    expect(superseded.data).toEqual({ claimId: 'c-1', supersededBy: 'c-2' });
    expect([superseded.schemaVersion, superseded.personal]).toEqual([2, { reason: 'corrected' }]);
    const [next] = await t.events('claim-c-2');
    expect(next.data).toMatchObject({ claimId: 'c-2', subjectEntityId: 'client-1', supersedes: 'c-1' });
    expect(t.waited).toEqual([[superseded.position, next.position]]);
  });

  it('refuses a supersession at a revision the claim has moved on from, appending nothing', async () => {
    await t.given('claim-c-1', [asserted]);
    const stale = { reason: 'corrected', replacement, expectedRevision: 3 };
    await expect(supersedeClaim(t.deps, t.ctx, 'c-1', stale)).rejects.toMatchObject({
      code: 'LEDGER.VERSION_CONFLICT',
    });
    expect(await types('c-1')).toEqual(['ClaimAsserted']);
    expect(await types('c-2')).toEqual([]);
  });

  it('completes a supersession whose replacement was never appended', async () => {
    const ended = { type: 'ClaimSuperseded', data: { claimId: 'c-1', supersededBy: 'c-2', reason: 'corrected' } };
    await t.given('claim-c-1', [asserted, ended]);
    const receipt = await supersedeClaim(t.deps, t.ctx, 'c-1', { reason: 'corrected', replacement });
    expect(receipt).toMatchObject({ revision: 1, replacement: { claimId: 'c-2', revision: 0 } });
    expect(await types('c-1')).toEqual(['ClaimAsserted', 'ClaimSuperseded']);
    expect(await types('c-2')).toEqual(['ClaimAsserted']);
  });

  it('retracts a current claim; a second retraction is refused', async () => {
    await t.given('claim-c-1', [asserted]);
    const receipt = await retractClaim(t.deps, t.ctx, 'c-1', { reason: 'account closed', expectedRevision: 0 });
    expect(receipt).toEqual({ claimId: 'c-1', status: 'retracted', revision: 1 });
    const [, retracted] = await t.events('claim-c-1');
    expect([retracted.schemaVersion, retracted.data, retracted.personal]).toEqual([
      2,
      { claimId: 'c-1' },
      { reason: 'account closed' },
    ]);
    await expect(retractClaim(t.deps, t.ctx, 'c-1', { reason: 'again' })).rejects.toMatchObject({
      code: 'CLAIMS.CLAIM_NOT_CURRENT',
      details: { status: 'retracted' },
    });
    expect(await types('c-1')).toEqual(['ClaimAsserted', 'ClaimRetracted']);
  });

  it('refuses to retract an unknown claim, or at a stale revision', async () => {
    await expect(retractClaim(t.deps, t.ctx, 'c-9', { reason: 'closed' })).rejects.toMatchObject({
      code: 'CLAIMS.CLAIM_NOT_FOUND',
    });
    await t.given('claim-c-1', [asserted]);
    await expect(retractClaim(t.deps, t.ctx, 'c-1', { reason: 'closed', expectedRevision: 1 })).rejects.toMatchObject({
      code: 'LEDGER.VERSION_CONFLICT',
      expected: 1,
      actual: 0,
    });
    expect(await t.store.countEvents('org-1')).toBe(1);
  });

  it('reports a concurrent change as a conflict instead of deciding again', async () => {
    await t.given('claim-c-1', [asserted]);
    const append = t.store.append.bind(t.store);
    t.store.append = async (request) => {
      t.store.append = append;
      await t.given('claim-c-1', [{ type: 'ClaimRetracted', data: { claimId: 'c-1', reason: 'elsewhere' } }]);
      return append(request);
    };
    await expect(retractClaim(t.deps, t.ctx, 'c-1', { reason: 'closed' })).rejects.toMatchObject({
      code: 'LEDGER.VERSION_CONFLICT',
    });
    expect(await types('c-1')).toEqual(['ClaimAsserted', 'ClaimRetracted']);
  });
});
