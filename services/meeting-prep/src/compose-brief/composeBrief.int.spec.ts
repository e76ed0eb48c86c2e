import { citedSpans } from '../citations/citation';
import { DEFAULT_COMPLIANCE_PHRASES, findPhrases } from '../compliance/compliancePhrases';
import { DISCLAIMER } from '../brief/disclaimer';
import { createMeetingPrepTestContext, type MeetingPrepTestContext } from '../testing/meetingPrepTestContext';
import { AVERY, HOUSEHOLD, MEETING_DATE, seedHousehold } from '../testing/householdNarrative';
import { storedEvidence } from '../testing/storedEvidence';
import type { BriefView, BulletView } from '../record/briefView';

let t: MeetingPrepTestContext;
let brief: BriefView;
const bulletsOf = (view: BriefView) => view.sections.flatMap((s) => s.bullets);
const textsOf = (view: BriefView, section: string) =>
  view.sections.find((s) => s.section === section)?.bullets.map((b) => b.text) ?? [];

beforeAll(async () => {
  t = await createMeetingPrepTestContext();
  const f = t.fixtures('org-a');
  await seedHousehold(f);
  await f.settle(t.deps.waiter);
  brief = await t.app.compose(t.as('advisor'), { subjectEntityId: AVERY, meetingDate: MEETING_DATE, briefId: 'b-1' });
});

afterAll(() => t.close());

describe('composing a brief from the ledger', () => {
  it('fills every section from the client’s claims, mentions and threads', () => {
    expect(brief.sections.map((s) => s.section)).toEqual([
      'summary',
      'recentCommunications',
      'openActionItems',
      'complianceNotes',
    ]);
    expect(textsOf(brief, 'summary')).toEqual([
      'Brief for Avery Quinn (Client).',
      // Ordered by predicate, then text: the same state gives the same order.
      'IRA ending 4421: account type Traditional IRA.',
      'Avery Quinn: email address avery.q@example.test.',
      'Avery Quinn: email address avery@example.test.',
      'Avery Quinn: experienced Retirement (cited evidence has a newer version: verify).',
      'Avery Quinn: holds account IRA ending 4421.',
      'Avery Quinn: member of Quinn household.',
    ]);
    expect(textsOf(brief, 'recentCommunications')).toEqual([
      '2025-07-10, Morgan Advisor <advisor@firm.test>: "Reminder: send the beneficiary form for the IRA."',
      '2025-06-10, avery.q@example.test: excerpt withheld (see compliance notes).',
      '2025-06-01, Avery Quinn <avery@example.test>: "Hi, we would like to review the IRA ending 4421 before our meeting on June 15. I plan to retire in 2026."',
    ]);
    expect(textsOf(brief, 'openActionItems')).toEqual(['Send the beneficiary form (for Avery Quinn); status: open.']);
    expect(textsOf(brief, 'complianceNotes')).toHaveLength(2);
    expect(brief.disclaimer).toBe(DISCLAIMER);
    expect(brief.personalState).toBe('present');
    expect(brief.composedBy).toBe('user-advisor');
  });

  it('cites in every bullet pinned spans whose stored text is exactly the version’s content at those offsets', async () => {
    const bullets = bulletsOf(brief);
    const spans = bullets.flatMap((b) => b.citations.flatMap(citedSpans));
    const stored = await storedEvidence(
      t.db.ledger,
      'org-a',
      spans.map((s) => s.documentId),
    );
    for (const bullet of bullets) {
      expect(bullet.citations.length).toBeGreaterThan(0);
      for (const span of bullet.citations.flatMap(citedSpans)) {
        const content = stored.contents.get(span.documentVersionId);
        expect(content).toBeDefined();
        expect(span.documentVersionId.startsWith(`${span.documentId}:`)).toBe(true);
        expect(span.startChar).toBeGreaterThanOrEqual(0);
        expect(span.endChar).toBeLessThanOrEqual(content!.length);
        if (span.spanId !== null)
          expect(stored.spanTexts.get(span.spanId)).toBe(content!.slice(span.startChar, span.endChar));
      }
    }
    // Quoted excerpts are the cited offsets of the cited version, verbatim.
    for (const bullet of bullets.filter((b) => b.section === 'recentCommunications' && b.text?.includes('"'))) {
      const [span] = bullet.citations.flatMap(citedSpans);
      expect(bullet.text).toContain(
        `"${stored.contents.get(span.documentVersionId)!.slice(span.startChar, span.endChar)}"`,
      );
    }
    const kinds = new Set(bullets.flatMap((b) => b.citations.map((c) => c.kind)));
    expect([...kinds].sort()).toEqual(['claim', 'mention', 'span']);
  });

  it('never echoes "guaranteed returns": it becomes compliance notes citing where it occurred', async () => {
    for (const bullet of bulletsOf(brief)) {
      expect(findPhrases(bullet.text ?? '', DEFAULT_COMPLIANCE_PHRASES)).toEqual([]);
      expect((bullet.text ?? '').toLowerCase()).not.toContain('guaranteed');
    }
    const [fromClaim, fromMessage] = brief.sections[3].bullets as BulletView[];
    expect(fromClaim.citations).toEqual([expect.objectContaining({ kind: 'claim', claimId: 'c-pref' })]);
    const stored = await storedEvidence(t.db.ledger, 'org-a', ['doc-b']);
    const occurrences = fromMessage.citations.flatMap(citedSpans);
    expect(occurrences.map((s) => stored.contents.get(s.documentVersionId)!.slice(s.startChar, s.endChar))).toEqual([
      'guaranteed returns',
      'Guaranteed\nreturns',
    ]);
  });

  it('leaves out other people’s threads, messages outside the window, tombstoned messages, retracted claims and mentions, superseded claims', () => {
    const text = JSON.stringify(brief);
    for (const absent of [
      'doc-d',
      'doc-e',
      'doc-f',
      'thr-9',
      'thr-4',
      'c-wrong',
      'm-wrong',
      'c-form-status-old',
      'pending',
    ]) {
      expect(text).not.toContain(absent);
    }
    expect(brief.sources.threads).toEqual(['thr-1', 'thr-2', 'thr-3']);
    expect(brief.sources.claims).toEqual(
      expect.arrayContaining([
        { claimId: 'c-form-status', revision: 0 },
        { claimId: 'c-retire', revision: 0 },
      ]),
    );
    expect(brief.sources.documentVersions).toEqual(
      expect.arrayContaining([{ documentId: 'doc-a', documentVersionId: 'doc-a:v1' }]),
    );
  });

  it('composes a household brief from its members’ claims and the threads of any member', async () => {
    const household = await t.app.compose(t.as('advisor'), {
      subjectEntityId: HOUSEHOLD,
      meetingDate: MEETING_DATE,
      briefId: 'b-household',
    });
    const summary = textsOf(household, 'summary');
    expect(summary).toEqual(
      expect.arrayContaining([
        'Avery Quinn: member of Quinn household.',
        'Blake Quinn: member of Quinn household.',
        'Blake Quinn: stated preference college savings for a grandchild.',
      ]),
    );
    expect(household.sources.threads).toEqual(['thr-1', 'thr-2', 'thr-3', 'thr-4']);
    expect(textsOf(household, 'recentCommunications')[0]).toMatch(/^2025-07-10/);
    expect(household.subject).toEqual({ kind: 'Household', entityId: HOUSEHOLD });
  });

  it('honours a narrower window', async () => {
    const narrow = await t.app.compose(t.as('advisor'), {
      subjectEntityId: AVERY,
      meetingDate: MEETING_DATE,
      briefId: 'b-narrow',
      window: { daysBefore: 7, daysAfter: 0 },
    });
    expect(narrow.sources.threads).toEqual(['thr-2']);
    expect(narrow.window).toEqual({ from: '2025-06-08T00:00:00.000Z', to: '2025-06-16T00:00:00.000Z' });
  });
});
