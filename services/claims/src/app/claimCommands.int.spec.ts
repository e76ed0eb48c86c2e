import type { Ledger } from '@ledger/ledger';
import { countStoredEventsContaining, storedCanonicalTexts } from '@ledger/ledger/testing';
import { ClaimsApp } from './claimsApp';
import {
  createClaimsTestContext,
  EvidenceFixtures,
  orgEventCount,
  requestContext,
  type ClaimsTestContext,
} from '../testing/claimsTestContext';

const ORG = 'org-claims';
const OTHER = 'org-claims-other';
const advisor = requestContext(ORG);
const EMAIL = 'avery.quinn.private@example.test';

function rejectsWith(code: string, field?: string) {
  const details = field === undefined ? expect.anything() : expect.objectContaining({ field });
  return expect.objectContaining({ code, details });
}

const memberOf = (claimId: string, spanIds = ['s-1']) => ({
  claimId,
  subjectEntityId: 'client-1',
  predicate: 'memberOf',
  object: { kind: 'entity' as const, entityId: 'hh-1' },
  spanIds,
});

const email = (claimId: string, value = EMAIL, spanIds = ['s-2']) => ({
  claimId,
  subjectEntityId: 'client-1',
  predicate: 'emailAddress',
  object: { kind: 'literal' as const, value },
  spanIds,
});

describe('claims', () => {
  let t: ClaimsTestContext;
  let evidence: EvidenceFixtures;

  beforeAll(async () => {
    t = await createClaimsTestContext();
    evidence = new EvidenceFixtures(t);
    const v1 = await evidence.document(ORG, 'doc-1', `Avery Quinn <${EMAIL}> joined the Quinn household.`);
    await evidence.span(ORG, 's-1', 'doc-1', v1, 0, 11);
    await evidence.span(ORG, 's-2', 'doc-1', v1, 13, 13 + EMAIL.length);
    await evidence.document(ORG, 'doc-2', 'Household review booked.');
    await evidence.span(ORG, 's-3', 'doc-2', 'doc-2:v1', 0, 9);
    await t.app.createEntity(advisor, { entityId: 'client-1', kind: 'Client', label: 'Avery Quinn' });
    await t.app.createEntity(advisor, { entityId: 'hh-1', kind: 'Household', label: 'Quinn household' });
    const other = requestContext(OTHER);
    await evidence.document(OTHER, 'doc-x', 'Other org text');
    await evidence.span(OTHER, 's-foreign', 'doc-x', 'doc-x:v1', 0, 5);
    await t.app.createEntity(other, { entityId: 'client-x', kind: 'Client', label: 'Other Client' });
  });
  afterAll(() => t.close());

  it('asserts a relation citing spans of the org and reads it back with citations and history', async () => {
    expect(await t.app.assertClaim(advisor, memberOf('c-member', ['s-1', 's-3']))).toEqual({
      claimId: 'c-member',
      status: 'current',
      revision: 0,
    });
    const claim = await t.app.getClaim(advisor, 'c-member');
    expect(claim).toMatchObject({
      claimId: 'c-member',
      subjectEntityId: 'client-1',
      predicate: 'memberOf',
      object: { kind: 'entity', entityId: 'hh-1' },
      status: 'current',
      supersedes: null,
      supersededBy: null,
      revision: 0,
      staleEvidence: false,
      staleSpanIds: [],
      citations: [
        { spanId: 's-1', documentId: 'doc-1', documentVersionId: 'doc-1:v1', startChar: 0, endChar: 11 },
        { spanId: 's-3', documentId: 'doc-2', documentVersionId: 'doc-2:v1', startChar: 0, endChar: 9 },
      ],
    });
    expect(claim.history).toEqual([expect.objectContaining({ type: 'asserted', actor: 'advisor-1', reason: null })]);
  });

  it('stores a literal only encrypted and decrypts it for advisors and compliance, not for other roles', async () => {
    const { claimId } = await t.app.assertClaim(advisor, { ...email('c-email'), claimId: undefined });
    expect(claimId).toMatch(/^[0-9a-f-]{36}$/);
    // Nowhere in the ledger in clear: not in the claim's row, nor in any other column or event.
    expect(await countStoredEventsContaining(t.db.pool, EMAIL)).toBe(0);
    const [asserted] = await storedCanonicalTexts(t.db.pool, ORG, `claim-${claimId}`, 'ClaimAsserted');
    expect(asserted).not.toContain(EMAIL);
    for (const role of ['advisor', 'compliance'] as const) {
      const claim = await t.app.getClaim(requestContext(ORG, role), claimId);
      expect(claim.object).toEqual({ kind: 'literal', value: EMAIL, valueState: 'present' });
    }
    const withheld = await t.app.getClaim(requestContext(ORG, 'operator'), claimId);
    expect(withheld.object).toEqual({ kind: 'literal', value: null, valueState: 'withheld' });
  });

  it.each([
    ['a missing span', { spanIds: ['s-missing'] }, 'CLAIMS.SPAN_NOT_FOUND', 'spanIds[0]'],
    ["another org's span", { spanIds: ['s-1', 's-foreign'] }, 'CLAIMS.SPAN_NOT_FOUND', 'spanIds[1]'],
    ['no citation', { spanIds: [] }, 'CLAIMS.CITATION_REQUIRED', 'spanIds'],
    ['a repeated citation', { spanIds: ['s-1', 's-1'] }, 'CLAIMS.INVALID_FIELD', 'spanIds[1]'],
    ['a missing subject', { subjectEntityId: 'client-missing' }, 'CLAIMS.ENTITY_NOT_FOUND', 'subjectEntityId'],
    ["another org's subject", { subjectEntityId: 'client-x' }, 'CLAIMS.ENTITY_NOT_FOUND', 'subjectEntityId'],
    ['an unknown predicate', { predicate: 'likes' }, 'CLAIMS.UNKNOWN_PREDICATE', 'predicate'],
    ['an existing claim id', { claimId: 'c-member' }, 'CLAIMS.CLAIM_EXISTS', 'claimId'],
    ['an id unfit for a stream', { claimId: 'a b' }, 'CLAIMS.INVALID_FIELD', 'claimId'],
  ])('refuses a claim with %s and persists nothing', async (_name, change, code, field) => {
    const before = await orgEventCount(t, ORG);
    await expect(t.app.assertClaim(advisor, { ...memberOf('c-refused'), ...change })).rejects.toEqual(
      rejectsWith(code, field),
    );
    expect(await orgEventCount(t, ORG)).toBe(before);
  });

  it('supersedes a claim with a reason: both stay, linked both ways, history kept', async () => {
    await t.app.assertClaim(advisor, email('c-old', 'old.address@example.test'));
    const receipt = await t.app.supersedeClaim(advisor, 'c-old', {
      reason: 'client changed address',
      expectedRevision: 0,
      replacement: {
        claimId: 'c-new',
        predicate: 'emailAddress',
        object: { kind: 'literal', value: EMAIL },
        spanIds: ['s-2'],
      },
    });
    expect(receipt).toEqual({
      claimId: 'c-old',
      status: 'superseded',
      revision: 1,
      supersededBy: 'c-new',
      replacement: { claimId: 'c-new', status: 'current', revision: 0 },
    });
    const old = await t.app.getClaim(advisor, 'c-old');
    expect(old).toMatchObject({
      status: 'superseded',
      supersededBy: 'c-new',
      reason: 'client changed address',
      revision: 1,
    });
    expect(old.object).toEqual({ kind: 'literal', value: 'old.address@example.test', valueState: 'present' });
    expect(old.history.map((entry) => [entry.type, entry.reason, entry.supersededBy])).toEqual([
      ['asserted', null, null],
      ['superseded', 'client changed address', 'c-new'],
    ]);
    const next = await t.app.getClaim(advisor, 'c-new');
    expect(next).toMatchObject({ status: 'current', supersedes: 'c-old', subjectEntityId: 'client-1' });
    expect(next.history).toEqual([expect.objectContaining({ type: 'asserted', supersedes: 'c-old' })]);

    const current = await t.app.listClaims(advisor, { subjectEntityId: 'client-1' });
    expect(current.items.map((claim) => claim.claimId)).toContain('c-new');
    expect(current.items.map((claim) => claim.claimId)).not.toContain('c-old');
    const all = await t.app.listClaims(advisor, { subjectEntityId: 'client-1', include: 'all' });
    expect(all.items.map((claim) => [claim.claimId, claim.status])).toEqual(
      expect.arrayContaining([
        ['c-old', 'superseded'],
        ['c-new', 'current'],
      ]),
    );
  });

  it('refuses to supersede a claim that is no longer current, and a replacement of another subject', async () => {
    const before = await orgEventCount(t, ORG);
    const replacement = {
      predicate: 'emailAddress',
      object: { kind: 'literal' as const, value: 'x@example.test' },
      spanIds: ['s-2'],
    };
    await expect(t.app.supersedeClaim(advisor, 'c-old', { reason: 'again', replacement })).rejects.toEqual(
      rejectsWith('CLAIMS.CLAIM_NOT_CURRENT', 'claimId'),
    );
    await expect(
      t.app.supersedeClaim(advisor, 'c-new', { reason: 'r', replacement: { ...replacement, subjectEntityId: 'hh-1' } }),
    ).rejects.toEqual(rejectsWith('CLAIMS.INVALID_FIELD', 'replacement.subjectEntityId'));
    await expect(
      t.app.supersedeClaim(advisor, 'c-new', { reason: 'r', replacement: { ...replacement, spanIds: ['s-missing'] } }),
    ).rejects.toEqual(rejectsWith('CLAIMS.SPAN_NOT_FOUND', 'replacement.spanIds[0]'));
    expect(await orgEventCount(t, ORG)).toBe(before);
  });

  it('retracts a claim with a reason; it leaves the current list and keeps its history', async () => {
    await t.app.assertClaim(advisor, memberOf('c-retract'));
    expect(await t.app.retractClaim(advisor, 'c-retract', { reason: 'asserted in error' })).toEqual({
      claimId: 'c-retract',
      status: 'retracted',
      revision: 1,
    });
    const claim = await t.app.getClaim(advisor, 'c-retract');
    expect(claim).toMatchObject({ status: 'retracted', reason: 'asserted in error', revision: 1 });
    expect(claim.history.map((entry) => entry.type)).toEqual(['asserted', 'retracted']);
    const current = await t.app.listClaims(advisor, { subjectEntityId: 'client-1' });
    expect(current.items.map((c) => c.claimId)).not.toContain('c-retract');
    await expect(t.app.retractClaim(advisor, 'c-retract', { reason: 'again' })).rejects.toEqual(
      rejectsWith('CLAIMS.CLAIM_NOT_CURRENT'),
    );
    await expect(t.app.retractClaim(advisor, 'c-member', { reason: ' ' })).rejects.toEqual(
      rejectsWith('CLAIMS.INVALID_FIELD', 'reason'),
    );
  });

  it('seals the reason: not in the ledger in clear nor in a read model; a shredded claim reads it as erased', async () => {
    const REASON = 'client Avery Quinn asked to drop it';
    await t.app.assertClaim(advisor, memberOf('c-sealed'));
    await t.app.retractClaim(advisor, 'c-sealed', { reason: REASON });
    expect(await countStoredEventsContaining(t.db.pool, REASON)).toBe(0);
    const rows = await t.db.pool.query(
      `SELECT c.*, h.* FROM claims_claims c JOIN claims_claim_history h USING (org_id, generation, claim_id)
        WHERE c.org_id = $1 AND c.claim_id = 'c-sealed'`,
      [ORG],
    );
    expect(rows.rows).toHaveLength(2);
    expect(JSON.stringify(rows.rows)).not.toContain(REASON);
    expect(await t.app.getClaim(advisor, 'c-sealed')).toMatchObject({ reason: REASON, reasonState: 'present' });
    const operator = await t.app.getClaim(requestContext(ORG, 'operator'), 'c-sealed');
    expect(operator).toMatchObject({ reason: null, reasonState: 'withheld' });

    await (t.db.ledger as Ledger).shred(ORG, 'claim-c-sealed');
    const erased = await t.app.getClaim(advisor, 'c-sealed');
    expect(erased).toMatchObject({ status: 'retracted', reason: null, reasonState: 'erased' });
    expect(erased.history.map((entry) => [entry.type, entry.reason, entry.reasonState])).toEqual([
      ['asserted', null, 'none'],
      ['retracted', null, 'erased'],
    ]);
  });

  it('reads the clear reason of a retraction appended at v1', async () => {
    await t.app.assertClaim(advisor, memberOf('c-v1'));
    const { positions } = await t.db.ledger.append({
      orgId: ORG,
      streamId: 'claim-c-v1',
      expectedRevision: 0,
      events: [{ type: 'ClaimRetracted', data: { claimId: 'c-v1', reason: 'old reason' }, metadata: { actor: 'a' } }],
    });
    await t.waiter.waitFor(ORG, positions);
    expect(await t.app.getClaim(advisor, 'c-v1')).toMatchObject({
      status: 'retracted',
      reason: 'old reason',
      reasonState: 'present',
    });
  });

  it('answers a stale expected revision with a version conflict naming both revisions, persisting nothing', async () => {
    await t.app.assertClaim(advisor, memberOf('c-expected'));
    const before = await orgEventCount(t, ORG);
    await expect(t.app.retractClaim(advisor, 'c-expected', { reason: 'r', expectedRevision: 3 })).rejects.toEqual(
      expect.objectContaining({
        code: 'LEDGER.VERSION_CONFLICT',
        details: { streamId: 'claim-c-expected', expected: 3, actual: 0 },
      }),
    );
    expect(await orgEventCount(t, ORG)).toBe(before);
  });

  it('lets exactly one of two concurrent supersessions of the same revision win; the other is a conflict', async () => {
    await t.app.assertClaim(advisor, memberOf('c-race'));
    // Both commands read the claim before either appends: hold every append until both arrived.
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const ledger = Object.create(t.db.ledger) as Ledger;
    ledger.append = async (request, client) => {
      arrived += 1;
      if (arrived === 2) release();
      await bothRead;
      return t.db.ledger.append(request, client);
    };
    const racing = new ClaimsApp({ ...t.deps, store: ledger });
    const supersede = (replacementId: string) =>
      racing.supersedeClaim(advisor, 'c-race', {
        reason: 'corrected',
        replacement: {
          claimId: replacementId,
          predicate: 'memberOf',
          object: { kind: 'entity', entityId: 'hh-1' },
          spanIds: ['s-3'],
        },
      });
    const results = await Promise.allSettled([supersede('c-race-a'), supersede('c-race-b')]);
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toMatchObject({ code: 'LEDGER.VERSION_CONFLICT', details: { expected: 0, actual: 1 } });
    const winner = (await t.app.getClaim(advisor, 'c-race')).supersededBy;
    const loser = winner === 'c-race-a' ? 'c-race-b' : 'c-race-a';
    await expect(t.app.getClaim(advisor, loser)).rejects.toEqual(rejectsWith('CLAIMS.CLAIM_NOT_FOUND'));
    const loserEvents: string[] = [];
    for await (const event of t.db.ledger.readStream(ORG, `claim-${loser}`)) loserEvents.push(event.type);
    expect(loserEvents).toEqual([]);
  });

  it('completes a supersession whose replacement was never appended when the request is repeated', async () => {
    await t.app.assertClaim(advisor, memberOf('c-half'));
    // The first attempt's second append was lost: only the old claim's stream moved on.
    const { positions } = await t.db.ledger.append({
      orgId: ORG,
      streamId: 'claim-c-half',
      expectedRevision: 0,
      events: [
        {
          type: 'ClaimSuperseded',
          data: { claimId: 'c-half', supersededBy: 'c-half-2', reason: 'corrected' },
          metadata: { actor: 'advisor-1' },
        },
      ],
    });
    await t.waiter.waitFor(ORG, positions);
    const receipt = await t.app.supersedeClaim(advisor, 'c-half', {
      reason: 'corrected',
      expectedRevision: 0,
      replacement: {
        claimId: 'c-half-2',
        predicate: 'memberOf',
        object: { kind: 'entity', entityId: 'hh-1' },
        spanIds: ['s-1'],
      },
    });
    expect(receipt).toMatchObject({
      claimId: 'c-half',
      revision: 1,
      replacement: { claimId: 'c-half-2', revision: 0 },
    });
    expect(await t.app.getClaim(advisor, 'c-half-2')).toMatchObject({ status: 'current', supersedes: 'c-half' });
  });

  it('flags stale evidence once a cited document gets a new version, and when it is tombstoned', async () => {
    await evidence.document(ORG, 'doc-3', 'Retiring next spring.');
    await evidence.span(ORG, 's-4', 'doc-3', 'doc-3:v1', 0, 8);
    await t.app.assertClaim(advisor, memberOf('c-stale', ['s-1', 's-4']));
    expect(await t.app.getClaim(advisor, 'c-stale')).toMatchObject({ staleEvidence: false, staleSpanIds: [] });

    await evidence.document(ORG, 'doc-3', 'Retiring next summer.', 2);
    expect(await t.app.getClaim(advisor, 'c-stale')).toMatchObject({ staleEvidence: true, staleSpanIds: ['s-4'] });
    const listed = await t.app.listClaims(advisor, { subjectEntityId: 'client-1' });
    expect(listed.items.find((claim) => claim.claimId === 'c-stale')).toMatchObject({ staleEvidence: true });
    // New citations of the superseded version are refused: evidence is re-pinned, never re-pointed.
    await expect(t.app.assertClaim(advisor, memberOf('c-stale-2', ['s-4']))).rejects.toEqual(
      rejectsWith('CLAIMS.STALE_CITATION', 'spanIds[0]'),
    );

    await evidence.tombstone(ORG, 'doc-1');
    expect(await t.app.getClaim(advisor, 'c-stale')).toMatchObject({ staleSpanIds: ['s-1', 's-4'] });
  });

  it('pages a subject’s claims in assertion order', async () => {
    const all = await t.app.listClaims(advisor, { subjectEntityId: 'client-1', include: 'all' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.app.listClaims(advisor, { subjectEntityId: 'client-1', include: 'all', limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((claim) => claim.claimId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual(all.items.map((claim) => claim.claimId));
    expect(seen.length).toBeGreaterThan(4);
    await expect(t.app.listClaims(advisor, { subjectEntityId: 'client-1', cursor: 'abc' })).rejects.toEqual(
      rejectsWith('CLAIMS.INVALID_FIELD', 'cursor'),
    );
  });

  it("treats another org's claims and subjects as missing, reading and writing, persisting nothing", async () => {
    const other = requestContext(OTHER);
    const before = await orgEventCount(t, OTHER);
    const replacement = {
      predicate: 'memberOf',
      object: { kind: 'entity' as const, entityId: 'hh-1' },
      spanIds: ['s-1'],
    };
    await expect(t.app.getClaim(other, 'c-member')).rejects.toEqual(rejectsWith('CLAIMS.CLAIM_NOT_FOUND'));
    await expect(t.app.retractClaim(other, 'c-member', { reason: 'r' })).rejects.toEqual(
      rejectsWith('CLAIMS.CLAIM_NOT_FOUND'),
    );
    await expect(t.app.supersedeClaim(other, 'c-member', { reason: 'r', replacement })).rejects.toEqual(
      rejectsWith('CLAIMS.CLAIM_NOT_FOUND'),
    );
    await expect(t.app.listClaims(other, { subjectEntityId: 'client-1' })).rejects.toEqual(
      rejectsWith('CLAIMS.ENTITY_NOT_FOUND', 'subjectEntityId'),
    );
    await expect(
      t.app.assertClaim(other, { ...memberOf('c-cross'), subjectEntityId: 'client-x', predicate: 'memberOf' }),
    ).rejects.toEqual(rejectsWith('CLAIMS.ENTITY_NOT_FOUND', 'object.entityId'));
    expect(await orgEventCount(t, OTHER)).toBe(before);
  });
});
