import { AVERY, MEETING_DATE, seedHousehold } from './testing/householdNarrative';
import { createMeetingPrepTestContext, type MeetingPrepTestContext } from './testing/meetingPrepTestContext';

let t: MeetingPrepTestContext;

beforeAll(async () => {
  t = await createMeetingPrepTestContext();
  const a = t.fixtures('org-a');
  await seedHousehold(a);
  // org-b reuses the same ids for different people: nothing may cross.
  const b = t.fixtures('org-b');
  const v = await b.message({
    documentId: 'doc-a',
    threadId: 'thr-1',
    sentAt: '2025-06-03T09:00:00Z',
    from: 'Robin Vale <robin@elsewhere.test>',
    to: ['planner@other-firm.test'],
    content: 'Robin writing about the trust.',
  });
  await b.entity(AVERY, 'Client', 'Robin Vale');
  await b.entity('acct-b', 'Account', 'Trust account 9911');
  await b.claim('c-email-1', AVERY, 'emailAddress', { literal: 'robin@elsewhere.test' }, [
    await b.span(v, 'Robin', 'span-robin'),
  ]);
  await b.claim('c-trust', AVERY, 'holdsAccount', { entityId: 'acct-b' }, [await b.span(v, 'trust', 'span-trust')]);
  await a.settle(t.deps.waiter);
  await b.settle(t.deps.waiter);
  await t.app.compose(t.as('advisor'), { subjectEntityId: AVERY, meetingDate: MEETING_DATE, briefId: 'b-1' });
});

afterAll(() => t.close());

describe('org isolation', () => {
  it('composes from the caller’s org only, even when the other org uses the same ids', async () => {
    const brief = await t.app.compose(t.as('advisor', 'org-b'), {
      subjectEntityId: AVERY,
      meetingDate: MEETING_DATE,
      briefId: 'b-other',
    });
    const text = JSON.stringify(brief);
    expect(text).toContain('Robin Vale');
    expect(text).toContain('Trust account 9911');
    for (const foreign of ['Avery', 'IRA ending', 'guaranteed', 'thr-2', 'c-ira']) expect(text).not.toContain(foreign);
    expect(brief.sources.threads).toEqual(['thr-1']);
    expect(brief.sources.documentVersions).toEqual([{ documentId: 'doc-a', documentVersionId: 'doc-a:v1' }]);
  });

  it('reports another org’s subject and brief exactly like missing ones, and records nothing', async () => {
    const before = await t.db.ledger.orgSize('org-c');
    const other = t.as('advisor', 'org-c');
    await expect(
      t.app.compose(other, { subjectEntityId: AVERY, meetingDate: MEETING_DATE, briefId: 'b-x' }),
    ).rejects.toMatchObject({ code: 'MEETING_PREP.SUBJECT_NOT_FOUND', details: { field: 'subjectEntityId' } });
    await expect(
      t.app.compose(other, { subjectEntityId: 'never-created', meetingDate: MEETING_DATE }),
    ).rejects.toMatchObject({ code: 'MEETING_PREP.SUBJECT_NOT_FOUND' });
    await expect(t.app.get(other, 'b-1')).rejects.toMatchObject({ code: 'MEETING_PREP.BRIEF_NOT_FOUND' });
    await expect(t.app.get(other, 'never-composed')).rejects.toMatchObject({ code: 'MEETING_PREP.BRIEF_NOT_FOUND' });
    await expect(t.app.list(other, { subjectEntityId: AVERY })).rejects.toMatchObject({
      code: 'MEETING_PREP.SUBJECT_NOT_FOUND',
    });
    await t.db.ledger.sequencer.drain();
    expect(await t.db.ledger.orgSize('org-c')).toBe(before);
  });

  it('lists only the caller’s briefs', async () => {
    const listed = await t.app.list(t.as('advisor', 'org-b'), { subjectEntityId: AVERY });
    expect(listed.items.map((i) => i.briefId)).toEqual(['b-other']);
  });
});

describe('refused compose requests', () => {
  const compose = (input: Record<string, unknown>) =>
    t.app.compose(t.as('advisor'), { subjectEntityId: AVERY, meetingDate: MEETING_DATE, ...input });

  it('refuses a subject that is neither a client nor a household', async () => {
    await expect(compose({ subjectEntityId: 'acct-ira' })).rejects.toMatchObject({
      code: 'MEETING_PREP.INVALID_SUBJECT',
      details: { field: 'subjectEntityId', rule: 'must name a Client or Household' },
    });
  });

  it.each([
    [{ meetingDate: '2025-02-30' }, 'meetingDate'],
    [{ meetingDate: 20250615 }, 'meetingDate'],
    [{ subjectEntityId: '' }, 'subjectEntityId'],
    [{ briefId: '-bad' }, 'briefId'],
    [{ window: { daysBefore: -1, daysAfter: 3 } }, 'window.daysBefore'],
    [{ window: { daysBefore: 1, daysAfter: 400 } }, 'window.daysAfter'],
  ])('refuses %j naming the field', async (patch, field) => {
    await expect(compose(patch)).rejects.toMatchObject({ code: 'MEETING_PREP.INVALID_FIELD', details: { field } });
  });

  it('lets only advisors compose, advisors and compliance read', async () => {
    await expect(
      t.app.compose(t.as('compliance'), { subjectEntityId: AVERY, meetingDate: MEETING_DATE }),
    ).rejects.toMatchObject({ code: 'TENANCY.FORBIDDEN' });
    await expect(t.app.get(t.as('operator'), 'b-1')).rejects.toMatchObject({ code: 'TENANCY.FORBIDDEN' });
    await expect(t.app.list(t.as('operator'), { subjectEntityId: AVERY })).rejects.toMatchObject({
      code: 'TENANCY.FORBIDDEN',
    });
    await expect(t.app.get(t.as('compliance'), 'b-1')).resolves.toMatchObject({ briefId: 'b-1' });
  });

  it('records nothing for a refused request', async () => {
    await t.db.ledger.sequencer.drain();
    const before = await t.db.ledger.orgSize('org-a');
    await expect(compose({ subjectEntityId: 'acct-ira', briefId: 'b-refused' })).rejects.toThrow();
    await expect(compose({ meetingDate: 'soon', briefId: 'b-refused' })).rejects.toThrow();
    await t.db.ledger.sequencer.drain();
    expect(await t.db.ledger.orgSize('org-a')).toBe(before);
  });
});
