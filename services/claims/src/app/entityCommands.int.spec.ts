import { countStoredEventsContaining } from '@ledger/ledger/testing';
import {
  createClaimsTestContext,
  EvidenceFixtures,
  orgEventCount,
  requestContext,
  type ClaimsTestContext,
} from '../testing/claimsTestContext';

const ORG = 'org-entities';
const OTHER = 'org-entities-other';
const advisor = requestContext(ORG);

function rejectsWith(code: string, field?: string) {
  const details = field === undefined ? expect.anything() : expect.objectContaining({ field });
  return expect.objectContaining({ code, details });
}

describe('entities and mentions', () => {
  let t: ClaimsTestContext;
  let evidence: EvidenceFixtures;

  beforeAll(async () => {
    t = await createClaimsTestContext();
    evidence = new EvidenceFixtures(t);
    const v1 = await evidence.document(ORG, 'doc-1', 'Avery Quinn called about the IRA ending 4321.');
    await evidence.span(ORG, 'span-avery', 'doc-1', v1, 0, 11);
    const foreign = await evidence.document(OTHER, 'doc-9', 'Somebody else entirely.');
    await evidence.span(OTHER, 'span-foreign', 'doc-9', foreign, 0, 8);
  });
  afterAll(() => t.close());

  it('creates an entity with a generated id; the label reads back decrypted and is only stored encrypted', async () => {
    const created = await t.app.createEntity(advisor, { kind: 'Client', label: 'Avery Quinn' });
    expect(created).toEqual({ entityId: expect.stringMatching(/^[0-9a-f-]{36}$/), kind: 'Client', revision: 0 });
    const entity = await t.app.getEntity(advisor, created.entityId);
    expect(entity).toMatchObject({ kind: 'Client', label: 'Avery Quinn', labelState: 'present', mentions: [] });
    expect(await countStoredEventsContaining(t.db.pool, 'Avery Quinn', ORG)).toBe(0);
  });

  it('uses the id given, refuses it a second time and refuses unconfigured kinds, persisting nothing', async () => {
    await t.app.createEntity(advisor, { entityId: 'hh-quinn', kind: 'Household', label: 'Quinn household' });
    const before = await orgEventCount(t, ORG);
    await expect(t.app.createEntity(advisor, { entityId: 'hh-quinn', kind: 'Household', label: 'x' })).rejects.toEqual(
      rejectsWith('CLAIMS.ENTITY_EXISTS', 'entityId'),
    );
    await expect(t.app.createEntity(advisor, { kind: 'Pet', label: 'Rex' })).rejects.toEqual(
      rejectsWith('CLAIMS.UNKNOWN_ENTITY_KIND', 'kind'),
    );
    await expect(t.app.createEntity(advisor, { entityId: 'bad id', kind: 'Client', label: 'x' })).rejects.toEqual(
      rejectsWith('CLAIMS.INVALID_FIELD', 'entityId'),
    );
    expect(await orgEventCount(t, ORG)).toBe(before);
  });

  it('adds a mention of a span of the org, treats a retry as a no-op, and retracts it keeping history', async () => {
    await t.app.createEntity(advisor, { entityId: 'client-avery', kind: 'Client', label: 'Avery Quinn' });
    const added = await t.app.addMention(advisor, 'client-avery', { mentionId: 'm-1', spanId: 'span-avery' });
    expect(added).toEqual({
      entityId: 'client-avery',
      mentionId: 'm-1',
      span: { spanId: 'span-avery', documentId: 'doc-1', documentVersionId: 'doc-1:v1', startChar: 0, endChar: 11 },
      retracted: false,
      revision: 1,
    });
    const before = await orgEventCount(t, ORG);
    expect(await t.app.addMention(advisor, 'client-avery', { mentionId: 'm-1', spanId: 'span-avery' })).toEqual(added);
    expect(await orgEventCount(t, ORG)).toBe(before);

    const retracted = await t.app.retractMention(advisor, 'client-avery', 'm-1', { reason: 'wrong client' });
    expect(retracted).toMatchObject({ retracted: true, revision: 2 });
    const entity = await t.app.getEntity(advisor, 'client-avery');
    expect(entity.revision).toBe(2);
    expect(entity.mentions).toEqual([
      expect.objectContaining({
        mentionId: 'm-1',
        retracted: true,
        reason: 'wrong client',
        reasonState: 'present',
        span: added.span,
      }),
    ]);
  });

  it.each([
    ['a missing span', 'span-missing', 'CLAIMS.SPAN_NOT_FOUND'],
    ["another org's span", 'span-foreign', 'CLAIMS.SPAN_NOT_FOUND'],
  ])('refuses a mention of %s and persists nothing', async (_name, spanId, code) => {
    await t.app.createEntity(advisor, { entityId: `client-${spanId}`, kind: 'Client', label: 'C' });
    const before = await orgEventCount(t, ORG);
    await expect(t.app.addMention(advisor, `client-${spanId}`, { spanId })).rejects.toEqual(
      rejectsWith(code, 'spanId'),
    );
    expect(await orgEventCount(t, ORG)).toBe(before);
  });

  it('seals a retraction reason, withholds it from other roles, and reads it as erased once the entity is shredded', async () => {
    const REASON = 'Avery Quinn is not this person';
    await t.app.createEntity(advisor, { entityId: 'client-sealed', kind: 'Client', label: 'Sealed Client' });
    await t.app.addMention(advisor, 'client-sealed', { mentionId: 'm-s', spanId: 'span-avery' });
    await t.app.retractMention(advisor, 'client-sealed', 'm-s', { reason: REASON });
    expect(await countStoredEventsContaining(t.db.pool, REASON)).toBe(0);
    const reasonOf = async (role: 'advisor' | 'operator') =>
      (await t.app.getEntity(requestContext(ORG, role), 'client-sealed')).mentions.map((m) => [
        m.reason,
        m.reasonState,
      ]);
    expect(await reasonOf('advisor')).toEqual([[REASON, 'present']]);
    expect(await reasonOf('operator')).toEqual([[null, 'withheld']]);
    await t.db.ledger.shred(ORG, 'entity-client-sealed');
    expect(await reasonOf('advisor')).toEqual([[null, 'erased']]);
    const entity = await t.app.getEntity(advisor, 'client-sealed');
    expect([entity.label, entity.labelState, entity.mentions[0].retracted]).toEqual([null, 'erased', true]);
  });

  it('refuses a mention of a span whose version was superseded', async () => {
    await evidence.document(ORG, 'doc-2', 'First draft', 1);
    await evidence.span(ORG, 'span-draft', 'doc-2', 'doc-2:v1', 0, 5);
    await evidence.document(ORG, 'doc-2', 'Second draft', 2);
    await t.app.createEntity(advisor, { entityId: 'client-draft', kind: 'Client', label: 'D' });
    await expect(t.app.addMention(advisor, 'client-draft', { spanId: 'span-draft' })).rejects.toEqual(
      rejectsWith('CLAIMS.STALE_CITATION', 'spanId'),
    );
  });

  it("shows another org's entity as missing, to reads and to writes", async () => {
    const other = requestContext(OTHER);
    await expect(t.app.getEntity(other, 'client-avery')).rejects.toEqual(rejectsWith('CLAIMS.ENTITY_NOT_FOUND'));
    await expect(t.app.addMention(other, 'client-avery', { spanId: 'span-foreign' })).rejects.toEqual(
      rejectsWith('CLAIMS.ENTITY_NOT_FOUND'),
    );
    await expect(t.app.retractMention(other, 'client-avery', 'm-1', { reason: 'r' })).rejects.toEqual(
      rejectsWith('CLAIMS.MENTION_NOT_FOUND'),
    );
    expect(await orgEventCount(t, OTHER)).toBe(2);
  });

  it('withholds the label from a role that may not read personal data', async () => {
    const operator = requestContext(ORG, 'operator', 'operator-1');
    const entity = await t.app.getEntity(operator, 'client-avery');
    expect(entity).toMatchObject({ label: null, labelState: 'withheld' });
  });
});
